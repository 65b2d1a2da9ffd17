import ArgumentParser

extension Adledger {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Performance grouped any way, and how restatement moved it (money per currency, never summed).",
            discussion:
                "`adledger report --by concept,week` runs `report groups`; `adledger report drift` follows restatements.",
            subcommands: [Groups.self, Drift.self], defaultSubcommand: Groups.self)
    }
}
