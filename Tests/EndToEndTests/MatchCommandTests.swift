import Foundation
import Testing

/// Creatives, matching decisions and the feedback report, through the built binary.
@Suite struct MatchCommandTests {
    static let exact = "d4e5f6a7-1111-4aaa-8bbb-000000000001"
    static let other = "0badc0de-2222-4aaa-8bbb-000000000002"
    static let twinA = "abcdef12-3333-4aaa-8bbb-000000000003"
    static let twinB = "abcdef12-4444-4aaa-8bbb-000000000004"

    /// A ledger with brand WP on act_42, four creatives and five ads whose names exercise every kind.
    func setUp() throws -> AdledgerBinary {
        let bin = try AdledgerBinary()
        _ = try bin.run(["--db", "l.sqlite", "brand", "link", "WP", "act_42", "--name", "Wild Pines"])
        let csv = """
            \u{FEFF}id,brand,filename,concept,format,prompt\r
            \(Self.exact),WP,d4e5f6a7-WP-C3-SQ.png,C3,SQ,"summer, hero"\r
            \(Self.other),XB,0badc0de-XB-C1-ST.png,C1,ST,"line one
            line two"\r
            \(Self.twinA),WP,abcdef12-WP-C2-SQ.png,C2,SQ,\r
            \(Self.twinB),WP,abcdef12-WP-C2-LS.png,C2,LS,\r
            """
        let imported = try bin.run(["--db", "l.sqlite", "creatives", "import", try bin.write("creatives.csv", csv)])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("4 new"))
        let names = [
            ("1", "WP | C3 | D4E5F6A7-WP-C3-SQ | 20251201"),  // exact (upper case), a date token too
            ("2", "Promo 0badc0de ST"),  // cross_brand
            ("3", "abcdef12 twin"),  // ambiguous
            ("4", "20251201 ffff0000 retarget"),  // unknown_id (a date never outranks the other token)
            ("5", "xd4e5f6a7 longer run"),  // no bounded token at all: no suggestion
        ]
        let rows = names.map { id, name in
            """
            {"account_id":"42","account_currency":"USD","ad_id":"\(id)","ad_name":"\(name)","date_start":"2025-12-01",\
            "date_stop":"2025-12-01","spend":"10.00","impressions":"1000","clicks":"10",\
            "outbound_clicks":[{"action_type":"outbound_click","value":"8"}],\
            "actions":[{"action_type":"omni_purchase","value":"2"}],"action_values":[{"action_type":"omni_purchase","value":"50.00"}]}
            """
        }
        let ingest = try bin.run(["--db", "l.sqlite", "ingest", try bin.write("ads.jsonl", rows.joined(separator: "\n"))])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return bin
    }

    func suggestions(_ bin: AdledgerBinary) throws -> [String] {
        let result = try bin.run([
            "--db", "l.sqlite", "query",
            "SELECT meta_ad_id, coalesce(generated_ad_id, '-'), short_id, kind FROM match_suggestions ORDER BY 1, 2", "--format", "csv",
        ])
        return result.stdout.split(separator: "\n").dropFirst().map(String.init)
    }

    @Test func suggestionsFollowTheRules() throws {
        let bin = try setUp()
        #expect(try suggestions(bin) == [
            "1,\(Self.exact),d4e5f6a7,exact",
            "2,\(Self.other),0badc0de,cross_brand",
            "3,\(Self.twinA),abcdef12,ambiguous",
            "3,\(Self.twinB),abcdef12,ambiguous",
            "4,-,ffff0000,unknown_id",
        ])
        let json = try bin.run(["--db", "l.sqlite", "match", "suggest", "--format", "json"])
        #expect(try AdledgerBinary.json(json.stdout).count == 5)
    }

    @Test func autoLinksExactOnlyAndDecisionsAreEvents() throws {
        let bin = try setUp()
        let auto = try bin.run(["--db", "l.sqlite", "match", "auto", "--actor", "ci"])
        #expect(auto.stdout.contains("linked 1 Meta ad"))
        let mapping = try bin.run(["--db", "l.sqlite", "query", "SELECT generated_ad_id, meta_ad_id, meta_ad_account_id, linked_by, actor FROM meta_ad_mapping", "--format", "csv"])
        #expect(mapping.stdout == "generated_ad_id,meta_ad_id,meta_ad_account_id,linked_by,actor\n\(Self.exact),1,act_42,auto,ci\n")
        // Linked ads are no longer suggested.
        #expect(try suggestions(bin).allSatisfy { !$0.hasPrefix("1,") })

        // An ad has at most one active link.
        let clash = try bin.run(["--db", "l.sqlite", "match", "link", Self.other, "1"])
        #expect(clash.status != 0)
        #expect(clash.stderr.contains("already linked to creative \(Self.exact)"))
        #expect(clash.stderr.contains("--replace"))
        let replaced = try bin.run(["--db", "l.sqlite", "match", "link", Self.other, "1", "--replace", "--actor", "ana"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        // A creative may run as several ads.
        #expect(try bin.run(["--db", "l.sqlite", "match", "link", Self.other, "2", "--actor", "ana"]).status == 0)
        let links = try bin.run(["--db", "l.sqlite", "query", "SELECT meta_ad_id, generated_ad_id, linked_by FROM meta_ad_mapping ORDER BY 1", "--format", "csv"])
        #expect(links.stdout == "meta_ad_id,generated_ad_id,linked_by\n1,\(Self.other),manual\n2,\(Self.other),manual\n")

        #expect(try bin.run(["--db", "l.sqlite", "match", "unlink", "2"]).status == 0)
        let missing = try bin.run(["--db", "l.sqlite", "match", "unlink", "2"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("not found"))

        // Rejecting a pair removes that suggestion for good; the other twin becomes exact.
        #expect(try bin.run(["--db", "l.sqlite", "match", "reject", Self.twinA, "3", "--reason", "wrong size"]).status == 0)
        #expect(try suggestions(bin).filter { $0.hasPrefix("3,") } == ["3,\(Self.twinB),abcdef12,exact"])

        let history = try bin.run(["--db", "l.sqlite", "events", "--kind", "mapping.linked", "--format", "json"])
        #expect(try AdledgerBinary.json(history.stdout).count == 3)
        #expect(try bin.run(["--db", "l.sqlite", "verify"]).status == 0)

        for (arguments, expected) in [
            (["match", "link", "00000000-0000-4000-8000-000000000000", "1"], "creative"),
            (["match", "link", Self.exact, "999"], "Meta ad 999"),
            (["match", "reject", Self.exact, "999"], "Meta ad 999"),
        ] {
            let result = try bin.run(["--db", "l.sqlite"] + arguments)
            #expect(result.status != 0)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
    }

    @Test func importRejectsBadFilesWholeUnlessSkipBad() throws {
        let bin = try AdledgerBinary()
        let csv = """
            id,brand,filename
            \(Self.exact),WP,d4e5f6a7-WP-C3-SQ.png
            not-a-uuid,WP,x.png
            \(Self.other),WP,"unterminated
            """
        let file = try bin.write("bad.csv", csv)
        let refused = try bin.run(["--db", "l.sqlite", "creatives", "import", file])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("line 3"))
        #expect(refused.stderr.contains("line 4"))
        let count = { () throws -> String in
            try bin.run(["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM generated_ads", "--format", "csv"]).stdout
        }
        #expect(try count() == "n\n0\n")
        let skipped = try bin.run(["--db", "l.sqlite", "creatives", "import", file, "--skip-bad"])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("line 3"))
        #expect(try count() == "n\n1\n")
        // Re-importing appends nothing; a changed creative appends a version.
        let again = try bin.run(["--db", "l.sqlite", "creatives", "import", file, "--skip-bad"])
        #expect(again.stdout.contains("0 new, 0 changed, 1 unchanged"))
        let changed = try bin.run([
            "--db", "l.sqlite", "creatives", "import",
            try bin.write("c.jsonl", "{\"id\":\"\(Self.exact)\",\"brand\":\"WP\",\"filename\":\"d4e5f6a7-WP-C4-SQ.png\"}\n"),
        ])
        #expect(changed.stdout.contains("1 changed"))
        #expect(try bin.run(["--db", "l.sqlite", "query", "SELECT concept FROM generated_ads", "--format", "csv"]).stdout == "concept\nC4\n")
    }

    /// Every bad id or field is named with its file and line on stderr, and nothing is imported.
    @Test func importNamesEveryBadIdAndFieldByLine() throws {
        let bin = try AdledgerBinary()
        let file = try bin.write(
            "bad.jsonl",
            """
            {"id":"\(Self.exact)","brand":"WP","filename":"d4e5f6a7-WP-C3-SQ.png"}
            {"id":7,"brand":"WP","filename":"seven.png"}
            {"id":"{\(Self.other)}","brand":"WP","filename":"braced.png"}
            {"id":"0badc0de-2222-4aaa-8bbb-000000000004","brand":"W P","filename":"spaced.png"}
            {"id":"0badc0de-2222-4aaa-8bbb-000000000005","brand":"WP","filename":""}
            {"id":"0badc0de-2222-4aaa-8bbb-000000000006","brand":"WP","filename":"x.png","concept":"C1"

            """)
        let refused = try bin.run(["--db", "l.sqlite", "creatives", "import", file])
        #expect(refused.status != 0)
        let lines = refused.stderr.split(separator: "\n").map(String.init)
        for (line, reason) in [
            (2, "invalid creative id \"7\""), (3, "invalid creative id \"{\(Self.other)}\""), (4, "brand \"W P\""),
            (5, "filename"), (6, "JSON"),
        ] {
            #expect(lines.contains { $0.hasPrefix("\(file): line \(line): ") && $0.contains(reason) }, "line \(line): \(refused.stderr)")
        }
        #expect(!lines.contains { $0.contains("line 1:") })
        #expect(lines.last?.contains("5 bad lines") == true, "\(refused.stderr)")
        #expect(
            try bin.run(["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM generated_ads", "--format", "csv"]).stdout
                == "n\n0\n")
    }

    @Test func creativeNamesAreMadeAndChecked() throws {
        let bin = try AdledgerBinary()
        let made = try bin.run(["creatives", "name", "--id", "D4E5F6A7-1111-4AAA-8BBB-000000000001", "--brand", "WP", "--concept", "C3", "--format", "SQ"])
        #expect(made.stdout == "d4e5f6a7-WP-C3-SQ.png\n")
        let ext = try bin.run(["creatives", "name", "--id", Self.exact, "--brand", "WP", "--concept", "C3", "--format", "SQ", "--ext", "mp4"])
        #expect(ext.stdout == "d4e5f6a7-WP-C3-SQ.mp4\n")
        for bad in [["--id", "nope"], ["--id", Self.exact, "--concept", "C-3"], ["--id", Self.exact, "--concept", "C 3"]] {
            var arguments = ["creatives", "name", "--brand", "WP", "--concept", "C3", "--format", "SQ"]
            arguments += bad
            let result = try bin.run(arguments)
            #expect(result.status != 0, "\(bad)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func reportGroupsMappedPerformancePerCurrency() throws {
        let bin = try setUp()
        _ = try bin.run(["--db", "l.sqlite", "match", "auto"])
        _ = try bin.run(["--db", "l.sqlite", "match", "link", Self.other, "2"])
        let report = try bin.run(["--db", "l.sqlite", "report", "--by", "concept", "--mapped-only", "--format", "json"])
        let rows = try AdledgerBinary.json(report.stdout)
        #expect(rows.count == 2)
        let all = try AdledgerBinary.json(try bin.run(["--db", "l.sqlite", "report", "--by", "concept", "--format", "json"]).stdout)
        #expect(all.count > rows.count && all.contains { $0["concept"] as? String == "(unmapped)" })
        let c3 = try #require(rows.first { $0["concept"] as? String == "C3" })
        #expect(c3["spend"] as? Double == 10.0)
        #expect(c3["purchases"] as? Int == 2)
        #expect(c3["roas"] as? Double == 5.0)
        #expect(c3["cost_per_purchase"] as? Double == 5.0)
        #expect(c3["days_live"] as? Int == 1)
        #expect(c3["meta_ads"] as? Int == 1)
        #expect(c3["currency"] as? String == "USD")
        let brand = try AdledgerBinary.json(
            try bin.run(["--db", "l.sqlite", "report", "--by", "brand", "--mapped-only", "--format", "json"]).stdout)
        #expect(brand.map { $0["brand_id"] as? String } == ["WP", "XB"] || brand.map { $0["brand_id"] as? String } == ["XB", "WP"])
        let empty = try bin.run(["--db", "l.sqlite", "report", "--since", "2026-01-01", "--format", "csv"])
        #expect(empty.stdout.split(separator: "\n").count == 1)
        let view = try bin.run(["--db", "l.sqlite", "query", "SELECT count(*) AS n FROM creative_performance", "--format", "csv"])
        #expect(view.stdout == "n\n2\n")
    }
}
