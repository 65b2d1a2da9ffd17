import ArgumentParser

extension Adledger {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export events or tables for a warehouse (newline-delimited JSON or CSV); see docs/WAREHOUSE.md.",
            subcommands: [Events.self, Table.self])
    }
}
