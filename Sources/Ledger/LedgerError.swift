import Foundation

/// Why a ledger operation failed. Each description is one line: what failed; what to do.
public enum LedgerError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotOpen(path: String, code: Int32, message: String)
    case notALedger(path: String)
    case newerSchema(path: String, found: Int, known: Int)
    case busy(path: String)
    case readOnly(path: String)
    case sqlite(code: Int32, message: String, sql: String)
    case diskFull(path: String)
    case corrupt(path: String, message: String)
    case invalidInput(source: String, reason: String)
    case invalidLines(source: String, lines: [String])
    case invalidAccountId(String)
    case notFound(what: String, hint: String)
    case conflict(String)
    case invalidTime(String)
    case interrupted
    /// An export file (or its state file) could not be written; `code` is the `errno`.
    case cannotWrite(path: String, code: Int32)
    /// `export events --after-seq` names an event past the end of the log.
    case beyondLog(after: Int64, last: Int64)
    /// An `export events --state` file that is damaged or belongs to another ledger or export.
    case exportState(path: String, reason: String)
    /// `export table` names no projection or view; `valid` lists those that exist.
    case unknownTable(String, valid: [String])

    public var description: String {
        switch self {
        case .cannotOpen(let path, let code, let message):
            "cannot open ledger \(path): \(message) (SQLite \(code)); check the path and its permissions, or pass --db PATH"
        case .notALedger(let path):
            "\(path) is not an adledger ledger (another program's database); pass --db PATH to a ledger or a new file"
        case .newerSchema(let path, let found, let known):
            "ledger \(path) has schema version \(found) but this adledger knows only up to \(known); upgrade adledger"
        case .busy(let path):
            "ledger \(path) is busy: another adledger process is writing; wait for it to finish and run again"
        case .readOnly(let path):
            "ledger \(path) is read-only; check the file's permissions or pass --db PATH to a writable file"
        case .sqlite(let code, let message, let sql):
            "SQLite error \(code): \(message) (in: \(sql.prefix(120)))"
        case .diskFull(let path):
            "the disk holding \(path) is full; nothing from the failed step was committed — free space and run again"
        case .corrupt(let path, let message):
            "ledger \(path) is damaged: \(message); restore it from a backup, then run `adledger verify`"
        case .invalidInput(let source, let reason):
            "\(source): \(reason)"
        case .invalidLines(let source, let lines):
            "\(source): \(lines.count) bad line\(lines.count == 1 ? "" : "s") (\(lines.prefix(3).joined(separator: "; "))\(lines.count > 3 ? "; …" : "")); nothing was imported — fix them or pass --skip-bad"
        case .invalidAccountId(let id):
            "invalid ad account id \"\(id)\"; use act_<digits> or just the digits, e.g. act_1234567890"
        case .notFound(let what, let hint):
            "\(what) not found; \(hint)"
        case .conflict(let message):
            message
        case .invalidTime(let text):
            "cannot read time \"\(text)\"; use ISO 8601 like 2025-12-20T10:00:00Z, 2025-12-20 10:00:00 (UTC) or 2025-12-20"
        case .interrupted:
            "interrupted"
        case .cannotWrite(let path, let code):
            "cannot write \(path): \(String(cString: strerror(code))); check that its folder exists, is writable and has space"
        case .beyondLog(let after, let last):
            "--after-seq \(after) is beyond the end of the log (last seq \(last)); give a seq from 0 to \(last)"
        case .exportState(let path, let reason):
            "export state \(path) \(reason); pass the state file this ledger's exports wrote, or a new path to export from the start"
        case .unknownTable(let name, let valid):
            "no table or view named \(name); export one of: \(valid.joined(separator: ", "))"
        }
    }
}
