import Foundation
import JSON
import Normalization

/// The normalizer alone, on one core: every row of saved-response pages canonicalised once, then read by
/// `Normalizer.normalize(canonical:)` (what rebuild, verify and ingest run per row) `passes` times. Rows per second of
/// CPU time, the best pass of them, so a noisy host shows in the spread rather than the figure.
enum NormalizeBenchmark {
    static func run(_ arguments: [String]) throws {
        let passes = arguments.count > 1 ? Int(arguments[1]) : 5
        guard let directory = arguments.first, let passes, passes > 0 else {
            print("usage: adledger-bench normalize DIRECTORY [PASSES]  (DIRECTORY: saved pages, e.g. a kept bench's;")
            print("       PASSES: a whole number of 1 or more, default 5)")
            return
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("page-") && $0.hasSuffix(".json") }.sorted()
        var rows: [[UInt8]] = []
        for page in pages {
            let value = try JSONParser.parse(try String(contentsOfFile: "\(directory)/\(page)", encoding: .utf8))
            for row in value["data"]?.arrayValue ?? [] { rows.append(row.canonicalBytes) }
        }
        guard !rows.isEmpty else {
            print("no rows in \(directory)")
            return
        }
        var times: [Double] = []
        // Summed over every pass (and so kept by the optimizer): malformed columns, and rows the byte reader left to
        // the parser.
        var unread = 0
        for _ in 0..<passes {
            var cpu = CPUClock()
            for row in rows {
                row.withUnsafeBufferPointer { bytes in
                    var scanner = CanonicalScanner(bytes)
                    let insight = Normalizer.normalize(canonical: &scanner, accountCurrency: "USD", attribution: nil)
                    unread &+= insight?.malformedColumns.count ?? 1
                }
            }
            times.append(cpu.lap())
        }
        let best = times.min() ?? 0
        print(String(format: "normalize: %d rows, best of %d passes %.3f s CPU = %.0f rows/s (passes: %@), "
            + "%d malformed columns or rows left to the parser over all passes",
            rows.count, passes, best, Double(rows.count) / best,
            times.map { String(format: "%.3f", $0) }.joined(separator: " "), unread))
    }
}
