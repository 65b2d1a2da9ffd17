import Foundation
import Testing

/// `adledger ingest` refuses rows whose dates are not calendar dates, naming the file and the row.
@Suite struct IngestCommandTests {
    private static func row(ad: String, start: String, stop: String) -> String {
        #"{"account_id":"42","ad_id":"\#(ad)","date_start":"\#(start)","date_stop":"\#(stop)","spend":"1.00"}"#
    }

    @Test func aDayThatDoesNotExistIsRefusedAndTheFileAppendsNothing() throws {
        let bin = try AdledgerBinary()
        let good = try bin.write(
            "good.json", #"{"data":[\#(Self.row(ad: "1", start: "2025-12-01", stop: "2025-12-01"))]}"#)
        let page = try bin.write(
            "feb.json",
            "{\"data\":[" + Self.row(ad: "2", start: "2025-02-28", stop: "2025-02-28") + ","
                + Self.row(ad: "3", start: "2025-02-30", stop: "2025-02-30") + "]}"
        )
        let lines = try bin.write(
            "rows.jsonl",
            Self.row(ad: "4", start: "2024-02-29", stop: "2024-02-29") + "\n"
                + Self.row(ad: "5", start: "2025-02-28", stop: "2025-02-29") + "\n")

        let refused = try bin.run(["--db", "l.sqlite", "ingest", good, page])
        #expect(refused.status == 1)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(
            refused.stderr.contains("feb.json:1 row 2: date_start \"2025-02-30\" is not a calendar date"),
            "\(refused.stderr)")

        let stop = try bin.run(["--db", "l.sqlite", "ingest", lines])
        #expect(stop.status == 1)
        #expect(stop.stderr.contains("rows.jsonl:2: date_stop \"2025-02-29\" is not a calendar date"), "\(stop.stderr)")

        // The file before the bad one stays committed; the bad files append nothing.
        let stored = try bin.run([
            "--db", "l.sqlite", "query", "SELECT meta_ad_id, date FROM meta_ads_performance ORDER BY 1", "--format",
            "csv",
        ])
        #expect(stored.stdout == "meta_ad_id,date\n1,2025-12-01\n")
    }
}
