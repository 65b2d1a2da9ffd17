import ArgumentParser
import Foundation
import Ledger
import Sync

extension Adledger {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append the rows of saved Graph insight responses (JSON pages or JSON lines).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Files holding Graph API insight responses.") var files: [String]
        @Option(help: "The ad account the rows belong to, when they carry no account_id.") var account: String?

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one FILE to ingest") }
        }

        func run() throws {
            // Each saved page is megabytes read and rewritten in one go: keep those buffers' pages between files.
            MallocArenas.keepLargeBlocks()
            let summary = try global.openWriter().ingest(files: files, account: account)
            let c = summary.counts
            print(
                "ingested \(c.rows) rows from \(summary.files) file\(summary.files == 1 ? "" : "s"): \(c.new) new, \(c.changed) changed, \(c.unchanged) unchanged"
                    + (c.malformedValues > 0 ? ", \(c.malformedValues) malformed values stored as NULL" : ""))
        }
    }
}
