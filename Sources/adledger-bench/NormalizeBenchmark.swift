import Foundation
import JSON
import Normalization

/// The normalizer alone, on one core: every row of saved-response pages canonicalised once, then read by
/// `Normalizer.normalize(canonical:)` (what rebuild, verify and ingest run per row) `passes` times. Rows per second of
/// CPU time, the best pass of them, so a noisy host shows in the spread rather than the figure.
enum NormalizeBenchmark {
    static func run(_ arguments: [String]) throws {
        guard let directory = arguments.first else {
            print("usage: adledger-bench normalize DIRECTORY [PASSES]  (DIRECTORY: saved pages, e.g. a kept bench's)")
            return
        }
        let passes = arguments.dropFirst().first.flatMap { Int($0) } ?? 5
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
        var columns = 0
        for _ in 0..<passes {
            var cpu = CPUClock()
            for row in rows {
                row.withUnsafeBufferPointer { bytes in
                    var scanner = CanonicalScanner(bytes)
                    let insight = Normalizer.normalize(canonical: &scanner, accountCurrency: "USD", attribution: nil)
                    columns &+= insight?.malformedColumns.count ?? 1
                }
            }
            times.append(cpu.lap())
        }
        let best = times.min() ?? 0
        print(String(format: "normalize: %d rows, best of %d passes %.3f s CPU = %.0f rows/s (passes: %@), %d unread",
            rows.count, passes, best, Double(rows.count) / best,
            times.map { String(format: "%.3f", $0) }.joined(separator: " "), columns))
    }
}
