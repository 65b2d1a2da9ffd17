import ArgumentParser
import Foundation
import Ledger
import Matching
import Shell

extension Adledger {
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match generated creatives to Meta ads.",
            subcommands: [Suggest.self, Auto.self, Link.self, Unlink.self, Reject.self])
    }
}

extension MatchKind: ExpressibleByArgument {}

/// `--actor`, else the login name.
struct ActorOption: ParsableArguments {
    @Option(help: "Who made the decision (default: the login name).") var actor: String?

    var resolved: MappingActor {
        MappingActor(actor ?? Environment.value("USER") ?? Environment.value("LOGNAME") ?? "unknown")
    }
}

extension Adledger.Match {
    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List match suggestions for unlinked Meta ads.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv, json or markdown.") var format: ResultFormat = .table
        @Option(help: "Only suggestions of this kind (exact, cross_brand, ambiguous, unknown_id).") var kind: MatchKind?

        func run() throws {
            Printer.rows(try global.openWriter().suggestions(kind: kind), format: format)
        }
    }

    struct Auto: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link every exact suggestion (method auto).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let count = try global.openWriter().autoLink(actor: actor.resolved)
            print("linked \(count) Meta ad\(count == 1 ? "" : "s") automatically")
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link creative GEN_ID to Meta ad META_AD_ID.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument var genId: String
        @Argument var metaAdId: String
        @Flag(help: "Replace the ad's existing link.") var replace = false

        func run() throws {
            print(try global.openWriter().link(generatedAdId: genId, metaAdId: metaAdId, replace: replace, actor: actor.resolved))
        }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the link of Meta ad META_AD_ID.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument var metaAdId: String

        func run() throws {
            print(try global.openWriter().unlink(metaAdId: metaAdId, actor: actor.resolved))
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that GEN_ID is not behind META_AD_ID.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var actor: ActorOption
        @Argument var genId: String
        @Argument var metaAdId: String
        @Option(help: "Why.") var reason: String?

        func run() throws {
            print(try global.openWriter().reject(generatedAdId: genId, metaAdId: metaAdId, actor: actor.resolved, reason: reason))
        }
    }
}
