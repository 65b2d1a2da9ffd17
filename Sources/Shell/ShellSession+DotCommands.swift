import Foundation
import Ledger

extension ShellSession {
    /// Runs one dot-command line; reports its error and returns `.failure` when it fails.
    func runDotCommand(_ line: String) -> CommandOutcome {
        if let sql = Self.sparkSQL(line) {
            do {
                try spark(sql: sql)
                return .success
            } catch {
                report(error, sql: sql)
                return .failure
            }
        }
        guard let command = DotCommandLine(line) else {
            report(.unknownCommand(""))
            return .failure
        }
        do {
            return try dispatch(command)
        } catch {
            report(error)
            return .failure
        }
    }

    private func dispatch(_ command: DotCommandLine) throws(ShellError) -> CommandOutcome {
        let arguments = command.arguments
        switch command.name {
        case "help": help(arguments.first)
        case "tables": try tables(pattern: arguments.first)
        case "schema": try schema(pattern: arguments.first)
        case "mode":
            guard let name = arguments.first else {
                writeResult("\(settings.mode.rawValue)\n")
                return .success
            }
            guard arguments.count == 1, let mode = Self.mode(named: name) else { throw usage("mode") }
            settings.mode = mode
        case "headers": settings.headers = try onOff(arguments, "headers")
        case "timer": settings.timer = try onOff(arguments, "timer")
        case "bail": settings.bail = try onOff(arguments, "bail")
        case "pager": settings.pager = try onOff(arguments, "pager")
        case "nullvalue":
            guard arguments.count == 1 else { throw usage("nullvalue") }
            settings.nullValue = arguments[0]
        case "output":
            redirect?.flush()
            if let path = arguments.first, path != "stdout" {
                guard arguments.count == 1 else { throw usage("output") }
                redirect = try FileDescriptorWriter(path: path)
            } else {
                redirect = nil
            }
            redirectIsOnce = false
        case "once":
            guard arguments.count == 1 else { throw usage("once") }
            redirect?.flush()
            redirect = try FileDescriptorWriter(path: arguments[0])
            redirectIsOnce = true
        case "read":
            guard arguments.count == 1 else { throw usage("read") }
            return try read(path: arguments[0])
        case "param", "parameter": try parameter(arguments)
        case "asof": try asOf(arguments)
        case "history":
            guard (1...2).contains(arguments.count) else { throw usage("history") }
            try history(adId: arguments[0], date: arguments.count > 1 ? arguments[1] : nil)
        case "events":
            guard arguments.count <= 2 else { throw usage("events") }
            var kind: String?
            var limit = 20
            for argument in arguments {
                if let number = Int(argument), number >= 0 { limit = number } else { kind = argument }
            }
            let (sql, parameters) = Ledger.eventsSQL(kind: kind, limit: limit)
            return execute(sql: sql, parameters: parameters) ? .success : .failure
        case "accounts":
            return execute(sql: Self.accountsSQL, parameters: [:]) ? .success : .failure
        case "brands":
            return execute(sql: Self.brandsSQL, parameters: [:]) ? .success : .failure
        case "status": try status()
        case "quit":
            return .quit(0)
        case "exit":
            guard arguments.count <= 1 else { throw usage("exit") }
            guard let code = arguments.isEmpty ? 0 : Int32(arguments[0]) else { throw usage("exit") }
            return .quit(code)
        default:
            throw .unknownCommand(command.name)
        }
        return .success
    }

    /// Accounts fetched or linked, with their brands (primary marked), as of the `.asof` time.
    static let accountsSQL = """
        WITH ids AS (SELECT id FROM meta_ad_accounts UNION SELECT meta_ad_account_id FROM brand_ad_accounts)
        SELECT ids.id AS account, a.name, a.currency, a.timezone_name, a.status,
            (SELECT group_concat(b.brand_id || CASE WHEN b.is_primary THEN ' (primary)' ELSE '' END, ', ')
             FROM brand_ad_accounts b WHERE b.meta_ad_account_id = ids.id) AS brands
        FROM ids LEFT JOIN meta_ad_accounts a ON a.id = ids.id
        ORDER BY ids.id
        """

    /// Brand-to-account links, as `adledger brand list` orders them.
    static let brandsSQL = """
        SELECT brand_id AS brand, meta_ad_account_id AS account, account_name,
            CASE WHEN is_primary THEN 'yes' ELSE 'no' END AS "primary", linked_at
        FROM brand_ad_accounts ORDER BY brand_id, is_primary DESC, meta_ad_account_id
        """

    static func mode(named name: String) -> ResultFormat? {
        switch name.lowercased() {
        case "column", "box", "tabs": .table
        case "md": .markdown
        case "lines": .line
        default: ResultFormat(rawValue: name.lowercased())
        }
    }

    private func usage(_ name: String) -> ShellError {
        .usage(command: name, usage: DotCommandSpec.named(name)?.usage ?? "")
    }

    private func onOff(_ arguments: [String], _ name: String) throws(ShellError) -> Bool {
        guard arguments.count == 1 else { throw usage(name) }
        switch arguments[0].lowercased() {
        case "on", "yes", "true", "1": return true
        case "off", "no", "false", "0": return false
        default: throw usage(name)
        }
    }

    /// Writes text that is a command's result (it follows `.output` and `.once`).
    func writeResult(_ text: String) {
        let output = ResultOutput(session: self)
        output.write(text)
        output.finish()
    }

    private func help(_ topic: String?) {
        if let topic, let spec = DotCommandSpec.named(topic.hasPrefix(".") ? String(topic.dropFirst()) : topic) {
            writeResult(".\(spec.name) \(spec.usage)\n    \(spec.summary)\n")
            return
        }
        let left = DotCommandSpec.all.map { ".\($0.name) \($0.usage)".trimmingCharacters(in: .whitespaces) }
        let width = left.map(DisplayWidth.of).max() ?? 0
        var text = "SQL statements end with ';' and may span lines. Named parameters :NAME come from .param.\n"
        for (usage, spec) in zip(left, DotCommandSpec.all) {
            text += usage + String(repeating: " ", count: width - DisplayWidth.of(usage) + 2) + spec.summary + "\n"
        }
        writeResult(text)
    }

    private func catalogRows(_ sql: String, _ arguments: [SQLValue]) throws(ShellError) -> [[SQLValue]] {
        do {
            return try ledger.readConnection.rows(sql, arguments)
        } catch {
            throw .ledger(error)
        }
    }

    private func tables(pattern: String?) throws(ShellError) {
        let names = try catalogRows(
            """
            SELECT name FROM main.sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
                AND (?1 IS NULL OR name LIKE ?1)
            UNION SELECT name FROM temp.sqlite_master WHERE type IN ('table', 'view') AND (?1 IS NULL OR name LIKE ?1)
            ORDER BY 1
            """, [pattern.map(SQLValue.text) ?? .null]
        ).compactMap { $0.first?.text }
        guard !names.isEmpty else { return }
        let width = names.map(DisplayWidth.of).max() ?? 1
        let perLine = max(1, ((terminalWidth ?? 80) + 2) / (width + 2))
        let rows = (names.count + perLine - 1) / perLine
        var text = ""
        for row in 0..<rows {
            var line = ""
            for column in 0..<perLine {
                let index = column * rows + row
                guard index < names.count else { break }
                let name = names[index]
                line += name + String(repeating: " ", count: width - DisplayWidth.of(name) + 2)
            }
            while line.last == " " { line.removeLast() }
            text += line + "\n"
        }
        writeResult(text)
    }

    private func schema(pattern: String?) throws(ShellError) {
        let rows = try catalogRows(
            """
            SELECT sql FROM (
                SELECT sql, name, tbl_name, type, 0 AS db FROM temp.sqlite_master
                UNION ALL SELECT sql, name, tbl_name, type, 1 AS db FROM main.sqlite_master)
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND (?1 IS NULL OR name LIKE ?1 OR tbl_name LIKE ?1)
            ORDER BY db, tbl_name, type DESC, name
            """, [pattern.map(SQLValue.text) ?? .null])
        if rows.isEmpty, let pattern {
            throw .ledger(.notFound(what: "table or view \"\(pattern)\"", hint: "list them with .tables"))
        }
        writeResult(rows.compactMap { $0.first?.text.map { $0 + ";\n" } }.joined())
    }

    private func read(path: String) throws(ShellError) -> CommandOutcome {
        guard readDepth < Self.maxReadDepth else { throw .readDepth(path: path) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .cannotOpen(path: path, reason: "not a readable UTF-8 text file")
        }
        readDepth += 1
        defer { readDepth -= 1 }
        let outcome = runScript(
            text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), bail: nil)
        if let code = outcome.quit { return .quit(code) }
        return outcome.failed ? .failure : .success
    }

    private func parameter(_ arguments: [String]) throws(ShellError) {
        func bare(_ name: String) -> String {
            name.first.map { ":@$".contains($0) } == true ? String(name.dropFirst()) : name
        }
        switch arguments.first?.lowercased() {
        case "set":
            guard arguments.count >= 3 else { throw usage("param") }
            settings.parameters[bare(arguments[1])] = arguments.dropFirst(2).joined(separator: " ")
        case "unset":
            guard arguments.count == 2 else { throw usage("param") }
            settings.parameters[bare(arguments[1])] = nil
        case "clear":
            settings.parameters = [:]
        case "list", nil:
            let names = settings.parameters.keys.sorted()
            let width = names.map { DisplayWidth.of($0) + 1 }.max() ?? 0
            writeResult(
                names.map { name in
                    ":" + name + String(repeating: " ", count: width - DisplayWidth.of(name) - 1 + 2)
                        + (settings.parameters[name] ?? "") + "\n"
                }.joined())
        default:
            throw usage("param")
        }
        catalogIsStale = true
    }

    private func asOf(_ arguments: [String]) throws(ShellError) {
        guard !arguments.isEmpty else {
            writeResult(settings.asOf.map { "as of \($0)\n" } ?? "as of now\n")
            return
        }
        let text = arguments.joined(separator: " ")
        let time: String? = ["off", "now"].contains(text.lowercased()) ? nil : text
        do {
            try ledger.setAsOf(time)
        } catch {
            throw .ledger(error)
        }
        settings.asOf = time
        catalogIsStale = true
    }

    private func history(adId: String, date: String?) throws(ShellError) {
        let result: (columns: [String], rows: [[String]])
        do {
            result = try ledger.history(adId: adId, date: date)
        } catch {
            throw .ledger(error)
        }
        let output = ResultOutput(session: self)
        var renderer = makeRenderer(output)
        renderer.begin(columns: result.columns)
        for row in result.rows { renderer.add(row.map(Self.value(of:))) }
        let count = renderer.end()
        if settings.mode == .table {
            output.write(count == 1 ? "(1 version)\n" : "(\(count) versions)\n")
            let lines = HistorySparklines.lines(
                columns: result.columns, rows: result.rows, ascii: configuration.asciiOnly)
            output.write(lines.map { $0 + "\n" }.joined())
        }
        output.finish()
    }

    /// The SQL after `.spark`, exactly as typed (quotes kept, a final `;` dropped), when `line` is `.spark`.
    static func sparkSQL(_ line: String) -> String? {
        let trimmed = line.drop { $0.isWhitespace }
        guard trimmed.lowercased().hasPrefix(".spark") else { return nil }
        let rest = trimmed.dropFirst(".spark".count)
        guard rest.first?.isWhitespace ?? true else { return nil }
        var sql = rest.trimmingCharacters(in: .whitespaces)
        while sql.hasSuffix(";") { sql = String(sql.dropLast()).trimmingCharacters(in: .whitespaces) }
        return sql
    }

    /// `.spark SQL`: one sparkline of the query's single number column, in row order, with its range.
    private func spark(sql: String) throws(ShellError) {
        guard !sql.isEmpty else { throw usage("spark") }
        var values: [Double?] = []
        do {
            try ledger.query(
                sql, parameters: settings.parameters,
                columns: { columns in if columns.count != 1 { throw usage("spark") } },
                row: { values.append($0[0].number) })
        } catch let error as ShellError {
            throw error
        } catch let error as LedgerError {
            throw .ledger(error)
        } catch {
            throw .ledger(.sqlite(code: 1, message: "\(error)", sql: sql))
        }
        let numbers = values.compactMap { $0 }
        let range =
            numbers.isEmpty
            ? "no numbers" : "min \(Self.number(numbers.min() ?? 0)), max \(Self.number(numbers.max() ?? 0))"
        writeResult("\(Sparkline.draw(values, ascii: configuration.asciiOnly))  \(values.count) values, \(range)\n")
    }

    /// A number as people read it: whole when it is, else to at most 4 decimals.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
    }

    /// A text cell from a report as the value it spells, so numbers align right and empties show as NULL.
    static func value(of text: String) -> SQLValue {
        if text.isEmpty { return .null }
        if let integer = Int64(text) { return .integer(integer) }
        if let real = Double(text), SQLValue.format(real) == text { return .real(real) }
        return .text(text)
    }

    private func status() throws(ShellError) {
        let lines: [(String, String)]
        do {
            lines = try ledger.status().lines
        } catch {
            throw .ledger(error)
        }
        let width = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        var text = ""
        for (key, value) in lines {
            text += key + String(repeating: " ", count: width - DisplayWidth.of(key) + 2) + value + "\n"
        }
        if let asOf = settings.asOf {
            text += "as of" + String(repeating: " ", count: max(0, width - 5) + 2) + asOf + "\n"
        }
        writeResult(text)
    }
}
