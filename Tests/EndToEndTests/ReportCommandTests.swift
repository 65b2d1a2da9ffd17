import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `report`, `report drift`, `history` and `.spark` through the built binary, checked against `query` over the
/// same projections and against the Graph stand-in's own numbers.
@Suite struct ReportCommandTests {
    static let utf8 = ["LANG": "C.UTF-8", "LC_ALL": "", "LC_CTYPE": ""]

    /// The demo ledger: two accounts (USD, JPY), 40 ads × 14 days, restated days, auto-linked creatives.
    func demo() throws -> AdledgerBinary {
        var bin = try AdledgerBinary()
        bin.environment.merge(Self.utf8) { $1 }
        let made = try bin.run(["--db", "l.sqlite", "demo"])
        try #require(made.status == 0, "\(made.stderr)")
        return bin
    }

    func json(_ bin: AdledgerBinary, _ arguments: [String]) throws -> [[String: Any]] {
        let result = try bin.run(["--db", "l.sqlite"] + arguments + ["--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try AdledgerBinary.json(result.stdout)
    }

    /// Rows as comparable text: each value as JSON writes it, columns in order.
    /// Rows as comparable text; numbers as doubles (`report` writes whole-unit money as integers).
    func texts(_ rows: [[String: Any]], _ columns: [String]) -> [[String]] {
        rows.map { row in
            columns.map { column in
                guard let value = row[column] else { return "nil" }
                if let number = value as? NSNumber { return "\(number.doubleValue)" }
                return "\(value)"
            }
        }
    }

    /// (report arguments, the same report in plain SQL over the projections, the columns compared).
    static let againstSQL: [([String], String, [String])] = [
        (
            ["report", "--by", "campaign,week"],
            """
            SELECT meta_campaign_id, date(date, 'weekday 0', '-6 days') AS week, max(campaign_name) AS campaign_name,
                currency, round(sum(spend), CASE currency WHEN 'JPY' THEN 0 ELSE 2 END) AS spend, sum(purchases) AS purchases,
                count(DISTINCT meta_ad_id) AS meta_ads
            FROM meta_ads_performance GROUP BY 1, 2, currency ORDER BY currency, 1, 2
            """,
            ["meta_campaign_id", "week", "campaign_name", "currency", "spend", "purchases", "meta_ads"]
        ),
        (
            ["report", "--by", "concept", "--mapped-only", "--top", "3", "--order-by", "roas"],
            ["JPY", "USD"].map { currency in
                """
                SELECT * FROM (
                    SELECT g.concept, p.currency, round(sum(p.purchase_value) / sum(p.spend), 4) AS roas,
                        sum(p.purchases) AS purchases
                    FROM meta_ads_performance p JOIN meta_ad_mapping m ON m.meta_ad_id = p.meta_ad_id
                    JOIN generated_ads g ON g.id = m.generated_ad_id
                    WHERE p.currency = '\(currency)'
                    GROUP BY g.brand_id, g.concept ORDER BY roas DESC LIMIT 3)
                """
            }.joined(separator: " UNION ALL "),
            ["concept", "currency", "roas", "purchases"]
        ),
        (
            [
                "report", "--by", "ad", "--account", "act_1000000001", "--since", "2025-12-10", "--until", "2025-12-12",
                "--min-spend", "800", "--bottom", "4", "--order-by", "cpa",
            ],
            """
            SELECT meta_ad_id, max(ad_name) AS ad_name, round(sum(spend) / sum(purchases), 2) AS cost_per_purchase,
                round(sum(spend), 2) AS spend
            FROM meta_ads_performance
            WHERE meta_ad_account_id = 'act_1000000001' AND date BETWEEN '2025-12-10' AND '2025-12-12'
            GROUP BY meta_ad_id HAVING sum(spend) >= 800 AND sum(purchases) > 0
            ORDER BY cost_per_purchase, meta_ad_id LIMIT 4
            """,
            ["meta_ad_id", "ad_name", "cost_per_purchase", "spend"]
        ),
        (
            ["report", "--by", "format,month", "--brand", "WP"],
            """
            SELECT CASE WHEN g.id IS NULL THEN '(unmapped)' ELSE g.format END AS format, substr(p.date, 1, 7) AS month,
                p.currency, sum(p.impressions) AS impressions, sum(p.clicks) AS clicks
            FROM meta_ads_performance p LEFT JOIN meta_ad_mapping m ON m.meta_ad_id = p.meta_ad_id
            LEFT JOIN generated_ads g ON g.id = m.generated_ad_id
            WHERE coalesce(g.brand_id, p.brand_id) = 'WP'
            GROUP BY 1, 2, 3 ORDER BY 3, 1, 2
            """,
            ["format", "month", "currency", "impressions", "clicks"]
        ),
    ]

    @Test func reportsEqualTheSameQuestionInSQL() throws {
        let bin = try demo()
        for (arguments, sql, columns) in Self.againstSQL {
            let report = texts(try json(bin, arguments), columns)
            let query = texts(try json(bin, ["query", sql]), columns)
            #expect(!report.isEmpty, "\(arguments)")
            #expect(report == query, "\(arguments)")
        }
    }

    @Test func tablesShowMoneyInTheCurrencysDecimalsAndJSONKeepsNumbers() throws {
        let bin = try demo()
        let table = try bin.run(["--db", "l.sqlite", "report", "--by", "account"]).stdout
        let lines = table.split(separator: "\n").map(String.init)
        let jpy = try #require(lines.first { $0.contains(" JPY ") })
        let usd = try #require(lines.first { $0.contains(" USD ") })
        let rows = try json(bin, ["report", "--by", "account"])
        let yen = try #require(rows.first { $0["currency"] as? String == "JPY" })
        let dollars = try #require(rows.first { $0["currency"] as? String == "USD" })
        let yenSpend = try #require(yen["spend"] as? Int)
        #expect(jpy.contains(" \(yenSpend) ") && !jpy.contains("\(yenSpend).0"))
        let dollarSpend = try #require(dollars["spend"] as? Double)
        #expect(usd.contains(String(format: " %.2f ", dollarSpend)))
        #expect(yen["account_name"] as? String == "Wild Pines JP")
        let markdown = try bin.run(["--db", "l.sqlite", "report", "--by", "account", "--format", "markdown"]).stdout
        #expect(markdown.contains("| \(yenSpend) |") && markdown.contains(String(format: "| %.2f |", dollarSpend)))
    }

    @Test func trendsAreSparklinesInTablesOnly() throws {
        let bin = try demo()
        let table = try bin.run(["--db", "l.sqlite", "report", "--by", "concept", "--trend"]).stdout
        #expect(table.contains("spend_trend"))
        let bars = Set("▁▂▃▄▅▆▇█")
        #expect(table.contains { bars.contains($0) })
        #expect(table.contains("spend_trend: spend per day, 2025-12-01 … 2025-12-14"))
        let ascii = try bin.run(["--db", "l.sqlite", "report", "--by", "concept", "--trend", "--ascii"]).stdout
        #expect(!ascii.contains { bars.contains($0) } && ascii.contains("spend_trend"))
        let plainLocale = try bin.run(
            ["--db", "l.sqlite", "report", "--by", "concept", "--trend"], extraEnvironment: ["LANG": "C"]
        ).stdout
        #expect(!plainLocale.contains { bars.contains($0) })
        for format in ["csv", "json"] {
            let text = try bin.run(["--db", "l.sqlite", "report", "--by", "concept", "--trend", "--format", format])
                .stdout
            #expect(!text.contains("trend") && !text.contains { bars.contains($0) }, "\(format)")
        }
    }

    @Test func badFlagsFailWithOneLineNamingTheFix() throws {
        let bin = try demo()
        let cases: [([String], String)] = [
            (["report", "--order-by", "hook_rates"], "roas"),
            (["report", "--by", "concept,week,day"], "two"),
            (["report", "--by", "campaing"], "campaign"),
            (["report", "--top", "3", "--bottom", "3"], "--top or --bottom"),
            (["report", "--by", "week", "--trend"], "--by"),
            (["report", "drift", "--by", "week"], "account or campaign"),
            (["report", "drift", "--metric", "nope"], "purchases"),
            (["report", "--format", "html", "--output", "/no/such/dir/r.html"], "/no/such/dir/r.html"),
        ]
        for (arguments, hint) in cases {
            let result = try bin.run(["--db", "l.sqlite"] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(hint), "\(arguments): \(result.stderr)")
        }
    }

    @Test func historyDrawsEachChangedMetricAndTheShellDrawsAQuery() throws {
        let bin = try demo()
        let ad = try #require(
            try json(
                bin,
                [
                    "query",
                    "SELECT meta_ad_id, date FROM meta_ads_performance WHERE revisions > 1 AND purchases IS NOT NULL ORDER BY 1, 2 LIMIT 1",
                ]
            ).first)
        let id = try #require(ad["meta_ad_id"] as? String)
        let date = try #require(ad["date"] as? String)
        let history = try bin.run(["--db", "l.sqlite", "history", id, "--date", date]).stdout
        let versions = try json(
            bin,
            [
                "query",
                "SELECT purchases FROM meta_ads_performance_history WHERE meta_ad_id = '\(id)' AND date = '\(date)' ORDER BY seq",
            ])
        let purchases = versions.map { $0["purchases"].flatMap { $0 is NSNull ? nil : "\($0)" } ?? "NULL" }
        if Set(purchases).count > 1 {
            #expect(history.contains("\(date)  purchases"))
            #expect(history.contains(purchases.joined(separator: " → ")))
        }
        #expect(history.split(separator: "\n").contains { $0.hasPrefix(date + "  ") && $0.contains(" → ") })
        let spark = try bin.run([
            "--db", "l.sqlite", "shell", "-c",
            ".spark SELECT n FROM (SELECT 1 AS n UNION ALL SELECT 5 UNION ALL SELECT 3) ORDER BY rowid",
        ])
        #expect(spark.stdout.hasPrefix("▁█▅  3 values, min 1, max 5"), "\(spark.stdout) \(spark.stderr)")
        let quoted = try bin.run([
            "--db", "l.sqlite", "shell", "-c",
            ".spark SELECT sum(spend) FROM meta_ads_performance WHERE currency = 'USD' GROUP BY date ORDER BY date;",
        ])
        #expect(quoted.stdout.contains("14 values"), "\(quoted.stderr)")
        let twoColumns = try bin.run(["--db", "l.sqlite", "shell", "-c", ".spark SELECT 1, 2"])
        #expect(twoColumns.status != 0 && twoColumns.stderr.contains("usage: .spark"))
    }

    @Test func theHTMLPageIsWellFormedHoldsEveryGroupAndTheCSVNumbers() throws {
        let bin = try demo()
        let written = try bin.run([
            "--db", "l.sqlite", "report", "--by", "concept", "--format", "html", "--output", "r.html",
        ])
        try #require(written.status == 0, "\(written.stderr)")
        let html = try String(contentsOfFile: bin.path("r.html"), encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/", with: "").contains("http"))
        let document = try XMLDocument(xmlString: html, options: [])
        func strings(_ xpath: String) throws -> [String] {
            try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
        }
        let about = Dictionary(
            uniqueKeysWithValues: zip(try strings("//*[local-name()='dt']"), try strings("//*[local-name()='dd']")))
        #expect(about["ledger"] == "l.sqlite")
        #expect(about["as of"]?.hasPrefix("now (") == true)
        #expect(about["normalizer version"] == "2")

        let csv = try bin.run(["--db", "l.sqlite", "report", "--by", "concept", "--format", "csv"]).stdout
        let csvLines = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try strings("//*[@id='report']//*[local-name()='th']")
        #expect(header == csvLines[0])
        let rows = try document.nodes(forXPath: "//*[@id='report']//*[local-name()='tbody']/*[local-name()='tr']")
        #expect(rows.count == csvLines.count - 1)
        for (row, fields) in zip(rows, csvLines.dropFirst()) {
            let cells = try row.nodes(forXPath: "*[local-name()='td']")
            #expect(cells.count == fields.count)
            for (cell, field) in zip(cells, fields) {
                let element = try #require(cell as? XMLElement)
                if let value = try element.nodes(forXPath: "@data-value").first?.stringValue {
                    #expect(value == field)
                    #expect(Double(element.stringValue ?? "") == Double(field), "\(field)")
                } else {
                    #expect(element.stringValue == field)
                }
            }
        }
        // A trend chart for each of the first ten groups, and the drift chart with one line per account.
        #expect(
            try document.nodes(forXPath: "//*[local-name()='figure'][@class='trend']//*[local-name()='svg']").count
                == min(10, rows.count))
        #expect(try document.nodes(forXPath: "//*[@id='drift']//*[local-name()='g']").count == 2)
        #expect(try strings("//*[@class='summary']").count == 2)
    }

    @Test func driftFollowsTheStandInsRestatedDays() throws {
        let server = GraphStandIn(
            token: SyncCommandTests.token,
            accounts: [StandInAccount(id: "1001", name: "Wild Pines US", adCount: 12, campaignCount: 2)])
        try server.start()
        defer { server.stop() }
        var bin = try AdledgerBinary()
        bin.environment.merge(SyncCommandTests().environment(server)) { $1 }
        bin.environment.merge(Self.utf8) { $1 }
        let first = try bin.run(["--db", "l.sqlite", "sync", "--account", "act_1001", "--since", "2025-12-01"])
        try #require(first.status == 0, "\(first.stderr)")
        let before = server.insightRows(accountId: "1001", since: "2025-12-01", until: "2025-12-07")
        server.restate(accountId: "1001", from: "2025-12-05", revision: 1)
        let after = server.insightRows(accountId: "1001", since: "2025-12-01", until: "2025-12-07")
        let later = ["ADLEDGER_NOW": "2025-12-09T12:00:00Z"]
        let second = try bin.run(
            ["--db", "l.sqlite", "sync", "--account", "act_1001", "--since", "2025-12-01"], extraEnvironment: later)
        try #require(second.status == 0, "\(second.stderr)")

        let result = try bin.run(["--db", "l.sqlite", "report", "drift", "--format", "json"], extraEnvironment: later)
        let rows = try AdledgerBinary.json(result.stdout)
        func purchases(_ rows: [StandInInsightRow], _ date: String) -> Int {
            rows.filter { $0.date == date }.reduce(0) { $0 + $1.purchases }
        }
        // Fetched on 12-08 (UTC): 12-07 at age 1, … 12-01 at age 7; the restated 12-05…12-07 were read again on 12-09.
        #expect(rows.map { $0["age_days"] as? Int } == Array(1...7))
        for row in rows {
            let age = try #require(row["age_days"] as? Int)
            let date = String(format: "2025-12-%02d", 8 - age)
            #expect(row["meta_ad_account_id"] as? String == "act_1001")
            #expect(row["ad_days"] as? Int == 12)
            #expect(row["purchases_reported"] as? Int == purchases(before, date), "age \(age)")
            #expect(row["purchases_latest"] as? Int == purchases(after, date), "age \(age)")
        }
        #expect(purchases(before, "2025-12-06") != purchases(after, "2025-12-06"), "the stand-in restated purchases")
        let table = try bin.run(["--db", "l.sqlite", "report", "drift"], extraEnvironment: later).stdout
        let reported = purchases(before, "2025-12-07")
        let latest = purchases(after, "2025-12-07")
        let percent = (Double(reported) / Double(latest) * 1000).rounded() / 10
        let shown = percent == percent.rounded() ? String(Int(percent)) : String(percent)
        #expect(
            table.contains("USD: purchases reported on day +1 were \(shown) % of today's; on day +7, 100 %"), "\(table)"
        )
        // As of the first sync, nothing had been restated yet.
        let asOf = try AdledgerBinary.json(
            try bin.run(["--db", "l.sqlite", "report", "drift", "--format", "json", "--as-of", "2025-12-08T18:00:00Z"])
                .stdout)
        #expect(asOf.allSatisfy { $0["percent_of_latest"] as? Double == 100 || $0["percent_of_latest"] as? Int == 100 })
        let html = try bin.run(["--db", "l.sqlite", "report", "drift", "--format", "html"], extraEnvironment: later)
            .stdout
        #expect(
            try XMLDocument(xmlString: html, options: []).nodes(
                forXPath: "//*[@id='drift']//*[local-name()='polyline']"
            ).count == 1)
    }
}
