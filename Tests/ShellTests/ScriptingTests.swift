import Foundation
import Testing

@testable import Shell

@Suite struct ScriptingTests {
    @Test func statementSpansLinesAndPrintsATable() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(
            """
            SELECT meta_ad_id,
                   spend
            FROM meta_ads_performance
            ORDER BY meta_ad_id;
            """, on: ledger)
        #expect(run.status == 0)
        #expect(run.errors == "")
        #expect(
            run.output == """
                meta_ad_id  spend
                ----------  -----
                111          12.5
                222           5.0
                (2 rows)

                """)
    }

    @Test func severalStatementsOnOneLineAndALastOneWithoutSemicolon() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(".mode csv\n.headers off\nSELECT 1; SELECT 'a;b' -- c;\n; SELECT 3", on: ledger)
        #expect(run.status == 0)
        #expect(run.output == "1\na;b\n3\n")
    }

    @Test func asOfChangesTheAnswerAndOffRestoresIt() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(
            """
            .mode csv
            .headers off
            SELECT spend FROM meta_ads_performance WHERE meta_ad_id = '111';
            .asof 2025-12-20
            SELECT spend FROM meta_ads_performance WHERE meta_ad_id = '111';
            .asof 2025-12-18
            SELECT count(*) FROM meta_ads_performance;
            .asof off
            SELECT spend FROM meta_ads_performance WHERE meta_ad_id = '111';
            """, on: ledger)
        #expect(run.errors == "")
        #expect(run.output == "12.5\n10.0\n0\n12.5\n")
    }

    @Test func writeAttemptIsRejectedClearly() throws {
        let ledger = try TestLedger()
        let run = try ShellRun("DELETE FROM events;\nSELECT 1;", on: ledger)
        #expect(run.status == 1)
        #expect(run.errors.contains("cannot be changed"))
        #expect(run.output == "")  // bail: the SELECT after the error did not run
        let count = try ShellRun(".mode csv\n.headers off\nSELECT count(*) FROM events;", on: ledger)
        #expect(count.output == "8\n")
    }

    @Test func firstErrorStopsAScriptWithNonZeroStatus() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(".mode csv\nSELECT 1;\nSELEC 2;\nSELECT 3;", on: ledger)
        #expect(run.status == 1)
        #expect(run.output == "1\n1\n")
        #expect(run.errors.contains("Error: near \"SELEC\": syntax error"))
        #expect(run.errors.contains("  SELEC 2;\n  ^--- error here"))
    }

    @Test func bailOffGoesOnButStillFails() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(".bail off\n.mode csv\n.headers off\nSELECT nope;\nSELECT 3;", on: ledger)
        #expect(run.status == 1)
        #expect(run.output == "3\n")
        #expect(run.errors.contains("no such column: nope"))
    }

    @Test func unknownDotCommandIsAnError() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(".frobnicate", on: ledger)
        #expect(run.status == 1)
        #expect(run.errors.contains("unknown command \".frobnicate\""))
    }

    @Test func parametersAreBoundByName() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(
            """
            .mode csv
            .headers off
            .param set ad 222
            .param set :label 'two words'
            SELECT spend, :label FROM meta_ads_performance WHERE meta_ad_id = :ad;
            .param list
            .param unset ad
            SELECT count(*) FROM meta_ads_performance WHERE meta_ad_id = :ad;
            .param clear
            .param list
            """, on: ledger)
        #expect(run.errors == "")
        #expect(run.output == "5.0,two words\n:ad     222\n:label  two words\n0\n")
    }

    @Test func nullIsShownDistinctlyAndNullvalueChangesIt() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(
            "SELECT NULL AS n, '' AS e;\n.nullvalue (none)\n.headers off\nSELECT NULL;\n.mode csv\n.nullvalue ''\nSELECT NULL, 1;",
            on: ledger)
        #expect(run.output == "n     e\n----  -\nNULL\n(1 row)\n(none)\n(1 row)\n,1\n")
    }

    @Test func modesRenderTheSameRow() throws {
        let ledger = try TestLedger()
        let sql = "SELECT meta_ad_id AS id, ad_name FROM meta_ads_performance WHERE meta_ad_id = '222';"
        let json = try ShellRun(".mode json\n\(sql)", on: ledger)
        #expect(json.output == "[\n{\"id\":\"222\",\"ad_name\":\"winter, \\\"quoted\\\"\"}\n]\n")
        let csv = try ShellRun(".mode csv\n\(sql)", on: ledger)
        #expect(csv.output == "id,ad_name\n222,\"winter, \"\"quoted\"\"\"\n")
        let markdown = try ShellRun(".mode markdown\n\(sql)", on: ledger)
        #expect(markdown.output == "| id | ad_name |\n| --- | --- |\n| 222 | winter, \"quoted\" |\n")
        let line = try ShellRun(".mode line\n\(sql)", on: ledger)
        #expect(line.output == "     id = 222\nad_name = winter, \"quoted\"\n")
        let bad = try ShellRun(".mode yaml", on: ledger)
        #expect(bad.status == 1)
        #expect(bad.errors.contains("usage: .mode table|csv|json|markdown|line"))
    }

    @Test func timerPrintsRunTime() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(".timer on\n.mode csv\nSELECT 1;", on: ledger)
        #expect(run.output.hasPrefix("1\n1\nRun Time: "))
        #expect(run.output.hasSuffix(" s\n"))
    }

    @Test func tablesSchemaAndHelp() throws {
        let ledger = try TestLedger()
        let tables = try ShellRun(".tables meta_ad%", on: ledger, configuration: .init(terminalWidth: 200))
        #expect(tables.output.contains("meta_ad_accounts"))
        #expect(tables.output.contains("meta_ad_mapping"))
        #expect(!tables.output.contains("events"))
        let schema = try ShellRun(".schema meta_ad_accounts", on: ledger)
        #expect(schema.output.hasPrefix("CREATE TABLE meta_ad_accounts ("))
        #expect(schema.output.hasSuffix(");\n"))
        let missing = try ShellRun(".schema nothing_here", on: ledger)
        #expect(missing.status == 1)
        let help = try ShellRun(".help", on: ledger)
        for spec in DotCommandSpec.all { #expect(help.output.contains(".\(spec.name)")) }
    }

    @Test func outputAndOnceWriteToFiles() throws {
        let ledger = try TestLedger()
        let once = ledger.file("once.csv")
        let all = ledger.file("all.txt")
        let run = try ShellRun(
            ".mode csv\n.headers off\n.once \(once)\nSELECT 1;\nSELECT 2;\n.output \(all)\nSELECT 3;\n.tables events\n.output\nSELECT 4;",
            on: ledger)
        #expect(run.errors == "")
        #expect(run.output == "2\n4\n")
        #expect(try String(contentsOfFile: once, encoding: .utf8) == "1\n")
        #expect(try String(contentsOfFile: all, encoding: .utf8) == "3\nevents\n")
    }

    @Test func readRunsAFileAndNestedQuitEndsTheScript() throws {
        let ledger = try TestLedger()
        let script = try ledger.write(
            "script.sql", ".mode csv\n.headers off\nSELECT\n  42;\n.exit 3\nSELECT 'not reached';")
        let run = try ShellRun(".read \(script)\nSELECT 'nor this';", on: ledger)
        #expect(run.output == "42\n")
        #expect(run.status == 3)
        let missing = try ShellRun(".read /no/such/file.sql", on: ledger)
        #expect(missing.status == 1)
        #expect(missing.errors.contains("cannot open /no/such/file.sql"))
    }

    @Test func rcFileRunsFirst() throws {
        let ledger = try TestLedger()
        let rc = try ledger.write("rc", ".mode csv\n.headers off\n")
        let run = try ShellRun("SELECT 7;", on: ledger, configuration: .init(rcPath: rc))
        #expect(run.output == "7\n")
        let command = try ShellRun(command: "SELECT 8", on: ledger, configuration: .init(rcPath: rc))
        #expect(command.output == "8\n")
        let absent = try ShellRun(command: ".mode", on: ledger, configuration: .init(rcPath: ledger.file("absent")))
        #expect(absent.output == "table\n")
    }

    @Test func commandRunsSQLOrDotCommandAndReportsErrors() throws {
        let ledger = try TestLedger()
        let ok = try ShellRun(command: ".brands", on: ledger)
        #expect(ok.status == 0)
        #expect(ok.output.contains("WP     act_123  Acme JP       yes"))
        let bad = try ShellRun(command: "SELECT * FROM nowhere", on: ledger)
        #expect(bad.status == 1)
        #expect(bad.errors == "Error: no such table: nowhere\n")
    }

    @Test func domainCommands() throws {
        let ledger = try TestLedger()
        let history = try ShellRun(".mode csv\n.history 111", on: ledger)
        #expect(history.errors == "")
        let lines = history.output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("date,valid_from,valid_to,seq,spend") == true)
        // spend changed, so did cpm and cpc (derived from it); no ThruPlay, hook rate or attribution in this row.
        #expect(lines.last?.hasSuffix(",12.5,1000,,10,,,,,,,,,,\"spend,cpm,cpc\"") == true, "\(lines.last ?? "")")
        let events = try ShellRun(".mode csv\n.headers off\n.events insight.fetched 2", on: ledger)
        #expect(
            events.output.split(separator: "\n").map { $0.prefix(18) } == ["4,insight.fetched,", "7,insight.fetched,"])
        let accounts = try ShellRun(".accounts", on: ledger)
        #expect(accounts.output.contains("act_123"))
        #expect(accounts.output.contains("WP (primary)"))
        let status = try ShellRun(".status", on: ledger)
        #expect(status.output.contains("normalizer version"))
        let unknownAd = try ShellRun(".history 999", on: ledger)
        #expect(unknownAd.status == 1)
        #expect(unknownAd.errors.contains("ad 999 not found"))
    }

    @Test func badAsOfTimeIsAnError() throws {
        let ledger = try TestLedger()
        let run = try ShellRun(".asof yesterday-ish", on: ledger)
        #expect(run.status == 1)
        #expect(run.errors.contains("cannot read time"))
    }
}
