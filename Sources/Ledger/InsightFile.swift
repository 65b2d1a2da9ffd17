import Foundation
import Normalization

/// Reads the insight rows of a saved Graph response: a JSON object with a `data` array (as the API or
/// Graph API Explorer returns it, including the ads edge with nested `insights`), a JSON array of
/// rows, or JSON lines (rows or whole pages). JSON lines are streamed, so a large file is never
/// held in memory at once.
struct InsightFile {
    let path: String

    /// One row and where it came from, for error messages.
    struct Row {
        let value: JSONValue
        let locator: String
        /// The account the page was fetched for, read from its `paging` URLs' `/act_<digits>/` path (the
        /// URLs themselves are never kept): rows of an ads-edge page carry no `account_id` of their own.
        var pageAccount: String? = nil
    }

    func forEachRow(_ body: (Row) throws(LedgerError) -> Void) throws(LedgerError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .invalidInput(source: path, reason: "cannot read the file; check the path and its permissions")
        }
        defer { try? handle.close() }
        var reader = LineReader(handle: handle)
        // Find the first non-blank line to decide the format.
        var firstLine: [UInt8]?
        var firstNumber = 0
        while let (number, line) = try reader.next() {
            if line.contains(where: { !Self.isSpace($0) }) {
                firstLine = line
                firstNumber = number
                break
            }
        }
        guard let firstLine else {
            throw .invalidInput(source: path, reason: "the file is empty; expected a Graph insights response or JSON lines")
        }
        if let value = try? JSONParser.parse(firstLine), case .object = value {
            // JSON lines (or a one-line JSON object): every non-blank line is a value of its own.
            try emit(value, locator: "\(path):\(firstNumber)", body)
            while let (number, line) = try reader.next() {
                guard line.contains(where: { !Self.isSpace($0) }) else { continue }
                let value: JSONValue
                do {
                    value = try JSONParser.parse(line)
                } catch {
                    throw .invalidInput(source: "\(path):\(number)", reason: "\(error); fix or remove that line")
                }
                try emit(value, locator: "\(path):\(number)", body)
            }
            return
        }
        // A multi-line JSON document: read it whole.
        var bytes = firstLine + [0x0A]
        while let (_, line) = try reader.next() {
            bytes += line
            bytes.append(0x0A)
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw .invalidInput(
                source: path, reason: "\(error); expected a Graph insights response ({\"data\": [...]}) or JSON lines")
        }
        try emit(document, locator: path, body)
    }

    /// A page (`data` array), a bare array of rows, an ads-edge element with nested `insights`, or a row.
    private func emit(_ value: JSONValue, locator: String, _ body: (Row) throws(LedgerError) -> Void)
        throws(LedgerError)
    {
        switch value {
        case .array(let rows):
            for (i, row) in rows.enumerated() { try emit(row, locator: "\(locator) row \(i + 1)", body) }
        case .object:
            if let error = value["error"], case .object = error {
                let code = error["code"]?.scalarText ?? "?"
                let message = error["message"]?.stringValue ?? ""
                throw .invalidInput(
                    source: locator,
                    reason: "this is a Graph API error response (code \(code): \(message)), not insight rows")
            }
            if let data = value["data"] {
                guard case .array(let rows) = data else {
                    throw .invalidInput(source: locator, reason: "\"data\" is not an array")
                }
                let account = Self.account(inPaging: value["paging"])
                for (i, row) in rows.enumerated() {
                    try emit(row, locator: "\(locator) row \(i + 1)") { (found: Row) throws(LedgerError) in
                        var found = found
                        if found.pageAccount == nil { found.pageAccount = account }
                        try body(found)
                    }
                }
                return
            }
            if let nested = value["insights"] {
                // Ads edge with field expansion: each ad carries its own insights page.
                guard case .array(let rows)? = nested["data"] else {
                    throw .invalidInput(source: locator, reason: "nested \"insights\" has no \"data\" array")
                }
                // Rows keep their own ids: a campaigns-edge page nests campaign rows, which are not ad rows.
                for (i, row) in rows.enumerated() {
                    try body(Row(value: row, locator: "\(locator) insight \(i + 1)"))
                }
                return
            }
            if value["ad_id"] == nil, value["date_start"] == nil, value["id"] != nil, value.objectMembers?.count ?? 0 <= 2 {
                return  // an ad with no data in the range comes back as just {"id": ...}
            }
            try body(Row(value: value, locator: locator))
        default:
            throw .invalidInput(source: locator, reason: "expected a JSON object for an insight row")
        }
    }

    /// `act_<digits>` from the path of a page's `paging.next` or `paging.previous` URL, if any.
    static func account(inPaging paging: JSONValue?) -> String? {
        for key in ["next", "previous"] {
            guard let url = paging?[key]?.stringValue, let range = url.range(of: "/act_") else { continue }
            let digits = url[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, url[range.upperBound...].dropFirst(digits.count).first == "/" { return "act_" + digits }
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
}

/// Splits a file into lines in fixed-size chunks.
struct LineReader {
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes: bytes before it are known to hold none, so a long
    /// line read in many chunks is scanned once (linear, not quadratic).
    private var scanned = 0
    private var lineNumber = 0
    private var atEnd = false

    init(handle: FileHandle) { self.handle = handle }

    /// The next line (without its newline) and its 1-based number, or nil at the end.
    mutating func next() throws(LedgerError) -> (Int, [UInt8])? {
        while true {
            if let newline = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
                var line = Array(buffer[start..<newline])
                if line.last == 0x0D { line.removeLast() }
                start = newline + 1
                scanned = start
                lineNumber += 1
                if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
                return (lineNumber, line)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                if line.last == 0x0D { line.removeLast() }
                start = buffer.count
                lineNumber += 1
                if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
                return (lineNumber, line)
            }
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw .invalidInput(source: "file", reason: "read failed: \(error.localizedDescription)")
            }
            if chunk.isEmpty { atEnd = true }
            scanned = buffer.count - start
            buffer.removeFirst(start)
            start = 0
            buffer.append(contentsOf: chunk)
        }
    }
}
