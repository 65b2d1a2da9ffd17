import Foundation
import JSON

/// Reads the insight rows of a saved Graph response, one at a time: a JSON object with a `data` array
/// (as the API or Graph API Explorer returns it, including the ads edge with nested `insights`), a JSON
/// array of rows, or JSON lines (rows or whole pages). JSON lines are read line by line, so a large file
/// is never held in memory at once.
public struct GraphSavedFile {
    /// The file's path, as given.
    public let path: String
    private var reader: LineReader?
    private var state = State.start
    /// Rows found and not yet returned; a problem found among them waits its turn, so rows before it
    /// come out first, in file order.
    var pending: [Result<GraphSavedRow, GraphError>] = []
    private var pendingIndex = 0

    private enum State {
        case start, lines, done
    }

    /// A reader of the file at `path`; the file is opened by the first ``nextRow()``.
    public init(path: String) {
        self.path = path
    }

    /// The next row, or nil after the last.
    ///
    /// - Throws: `GraphError.savedResponse` naming the file (and line or row) that cannot be read as
    ///   insight rows: unreadable, empty, not JSON, a Graph error response, a `data` that is not an array.
    public mutating func nextRow() throws(GraphError) -> GraphSavedRow? {
        while true {
            if pendingIndex < pending.count {
                pendingIndex += 1
                // Moved out of the queue, which is done with it (a copy would retain and release what the row holds);
                // the placeholder left in its slot is never read.
                var row = Result<GraphSavedRow, GraphError>.failure(.missingToken)
                swap(&row, &pending[pendingIndex - 1])
                return try row.get()
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            switch state {
            case .done:
                return nil
            case .start:
                try readFirstValue()
            case .lines:
                guard let (number, line) = try nextLine() else {
                    state = .done
                    continue
                }
                if collectBytes(line, locator: "\(path):\(number)") { continue }
                let value: JSONValue
                do {
                    value = try JSONParser.parse(line)
                } catch {
                    throw .savedResponse(source: "\(path):\(number)", reason: "\(error); fix or remove that line")
                }
                collect(value, locator: "\(path):\(number)", pageAccount: nil)
            }
        }
    }

    /// Reads what the first ``nextRow()`` reads (a whole JSON document, or the first line of JSON lines), now; a
    /// problem doing so is thrown by the next ``nextRow()``, as it would have been.
    public mutating func readAhead() {
        guard case .start = state, pending.isEmpty else { return }
        do throws(GraphError) {
            try readFirstValue()
        } catch {
            pending.append(.failure(error))
            state = .done
        }
    }

    /// Opens the file and reads its first value; its first non-blank line decides the format.
    private mutating func readFirstValue() throws(GraphError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .savedResponse(source: path, reason: "cannot read the file; check the path and its permissions")
        }
        reader = LineReader(handle: handle, path: path)
        guard let (firstNumber, firstLine) = try nextLine() else {
            throw .savedResponse(
                source: path, reason: "the file is empty; expected a Graph insights response or JSON lines")
        }
        if collectBytes(firstLine, locator: "\(path):\(firstNumber)") {
            // JSON lines (or a one-line JSON object), its first line read from its bytes.
            state = .lines
            return
        }
        if let value = try? JSONParser.parse(firstLine), case .object = value {
            // JSON lines (or a one-line JSON object): every non-blank line is a value of its own.
            state = .lines
            collect(value, locator: "\(path):\(firstNumber)", pageAccount: nil)
            return
        }
        // A multi-line JSON document: read it whole.
        var bytes = firstLine + [0x0A]
        while let (_, line) = try reader?.next() {
            bytes += line
            bytes.append(0x0A)
        }
        state = .done
        if collectBytes(bytes, locator: path) { return }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw .savedResponse(
                source: path, reason: "\(error); expected a Graph insights response ({\"data\": [...]}) or JSON lines")
        }
        collect(document, locator: path, pageAccount: nil)
    }

    /// The next non-blank line and its number.
    private mutating func nextLine() throws(GraphError) -> (Int, [UInt8])? {
        while let (number, line) = try reader?.next() {
            if line.contains(where: { !Self.isSpace($0) }) { return (number, line) }
        }
        return nil
    }

    /// Queues the rows of a page (`data` array), a bare array of rows, an ads-edge element with nested
    /// `insights`, or a row; stops at the first problem, which is queued after the rows before it.
    ///
    /// - Returns: false when a problem was queued.
    @discardableResult
    mutating func collect(_ value: JSONValue, locator: String, pageAccount: String?) -> Bool {
        func fail(_ source: String, _ reason: String) -> Bool {
            pending.append(.failure(.savedResponse(source: source, reason: reason)))
            return false
        }
        switch value {
        case .array(let rows):
            for (i, row) in rows.enumerated()
            where !collect(row, locator: "\(locator) row \(i + 1)", pageAccount: pageAccount) {
                return false
            }
            return true
        case .object:
            if let error = value["error"], case .object = error {
                let code = error["code"]?.scalarText ?? "?"
                let message = error["message"]?.stringValue ?? ""
                return fail(locator, "this is a Graph API error response (code \(code): \(message)), not insight rows")
            }
            if let data = value["data"] {
                guard case .array(let rows) = data else { return fail(locator, "\"data\" is not an array") }
                // Rows of a page nested in this one keep their own page's account.
                let account = GraphEnvelope(value)?.pagingAccount ?? pageAccount
                for (i, row) in rows.enumerated()
                where !collect(row, locator: "\(locator) row \(i + 1)", pageAccount: account) {
                    return false
                }
                return true
            }
            if let nested = value["insights"] {
                // Ads edge with field expansion: each ad carries its own insights page.
                guard case .array(let rows)? = nested["data"] else {
                    return fail(locator, "nested \"insights\" has no \"data\" array")
                }
                // Rows keep their own ids: a campaigns-edge page nests campaign rows, which are not ad rows.
                for (i, row) in rows.enumerated() {
                    pending.append(
                        .success(
                            GraphSavedRow(value: row, locator: "\(locator) insight \(i + 1)", pageAccount: pageAccount))
                    )
                }
                return true
            }
            if value["ad_id"] == nil, value["date_start"] == nil, value["id"] != nil,
                value.objectMembers?.count ?? 0 <= 2
            {
                return true  // an ad with no data in the range comes back as just {"id": ...}
            }
            pending.append(.success(GraphSavedRow(value: value, locator: locator, pageAccount: pageAccount)))
            return true
        default:
            return fail(locator, "expected a JSON object for an insight row")
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
}
