import ArgumentParser
import Ledger

/// Entry point: `--db PATH` may come before the subcommand (`adledger --db x.sqlite init`, as DESIGN §8
/// writes it) or after it; a leading one is moved behind the subcommand path, where every command reads it.
@main
enum Main {
    static func main() async {
        MallocArenas.limit()
        await Adledger.main(GlobalArguments.hoisted(Array(CommandLine.arguments.dropFirst())))
    }
}

/// The adledger command line (DESIGN §8).
struct Adledger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adledger",
        abstract: "An append-only ledger of Meta ad insights, with projections, matching and an SQL shell.",
        discussion: "Start with `adledger demo`, then `adledger shell --db adledger-demo.sqlite`.",
        subcommands: [
            Init.self, Brand.self, Creatives.self, Ingest.self, Sync.self, Match.self, Report.self, History.self,
            Events.self, Export.self, Query.self, Shell.self, Rebuild.self, Verify.self, Status.self, Compact.self, Demo.self,
        ]
    )
}
