import ArgumentParser
import Foundation
import Ledger

extension Adledger.Export {
    struct Events: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write events as newline-delimited JSON, with the fields that re-check the hash chain.",
            discussion: """
                With --state FILE the run starts after the seq the file records and moves it only once the output \
                is durably written, so a killed run, run again, writes each event exactly once. --output DIR adds \
                one file per run, named after the seqs it holds (events-<kind|all>-<first>-<last>.ndjson[.gz]).
                """)
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("after-seq"), help: "Export the events after this seq (default 0: all).")
        var afterSeq: Int64?
        @Option(help: "A cursor file: start after the seq it records, advance it when done.") var state: String?
        @Option(help: "Only events of this kind, e.g. insight.fetched.") var kind: String?
        @Option(help: "A file, or an existing folder (one new file per run); default: standard output.")
        var output: String?
        @Flag(help: "Compress the output with gzip.") var gzip = false

        func validate() throws {
            if afterSeq != nil && state != nil { throw ValidationError("use --after-seq or --state, not both") }
            if let afterSeq, afterSeq < 0 { throw ValidationError("--after-seq must be 0 or more") }
            if state != nil && output == nil {
                throw ValidationError(
                    "--state needs --output FILE|DIR: standard output cannot be made durable before the cursor moves")
            }
            if let kind, EventKind(rawValue: kind) == nil {
                throw ValidationError(
                    "unknown kind \(kind); kinds: \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            var request = EventExportRequest()
            request.afterSeq = afterSeq ?? 0
            request.statePath = state
            request.kind = kind.flatMap(EventKind.init(rawValue:))
            request.gzip = gzip
            if let output {
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
                request.destination = exists && isFolder.boolValue ? .directory(output) : .file(output)
            }
            let line = ExportProgressLine(enabled: isatty(STDERR_FILENO) != 0)
            let summary = try global.openReader().exportEvents(request, progress: line.update)
            line.finish()
            guard output != nil else { return }
            let range = summary.events == 0 ? "" : " (after seq \(summary.afterSeq) through \(summary.throughSeq))"
            print("exported \(summary.events) events\(range)\(summary.file.map { " to \($0)" } ?? "")")
        }
    }
}
