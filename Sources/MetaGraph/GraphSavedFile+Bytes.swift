import JSON
import Normalization

extension GraphSavedFile {
    /// Queues the rows of `text` read from its bytes, with no tree (``RawCanonicalizer``): when it is a page (an
    /// object with a `data` array and no `error`) or one row, each row as its canonical JSON. A page's element that
    /// is anything but a plain row (not an object, a nested page or `insights`, an `error`, a bare `{"id": …}`) is
    /// parsed and queued as ``collect(_:locator:pageAccount:)`` queues it.
    ///
    /// - Returns: false when nothing was queued: the text is something else, or the rewriter is unsure of it (bad
    ///   JSON among it); the caller parses it, which queues the same rows or names the problem.
    mutating func collectBytes(_ text: [UInt8], locator: String) -> Bool {
        guard let canonical = RawCanonicalizer.canonicalBytes(of: text) else { return false }
        return canonical.withUnsafeBufferPointer { buffer -> Bool in
            // The rewriter's output: known to be canonical, so passing over it checks nothing again.
            var scanner = CanonicalScanner(buffer, known: true)
            guard scanner.enterObject() else { return false }
            var cursor = CanonicalScanner.ObjectCursor()
            var rows: [(range: Range<Int>, keys: InsightRowKeys?)]?
            var paging: Range<Int>?
            var keys = InsightRowKeys()
            while true {
                guard let step = scanner.nextKey(&cursor) else { return false }
                guard case .key(let key) = step else { break }
                keys.note(key)
                if CanonicalScanner.equal(key, "data") {
                    guard let elements = Self.elements(&scanner, bytes: buffer) else { return false }
                    rows = elements
                } else {
                    let valueStart = scanner.index
                    guard scanner.skipValue() else { return false }
                    if CanonicalScanner.equal(key, "paging") { paging = valueStart..<scanner.index }
                }
            }
            guard scanner.isAtEnd, !keys.hasError else { return false }
            guard let rows else {
                // One row, unless it is an ads-edge element or a bare `{"id": …}`: those the tree path reads.
                guard keys.isPlainRow else { return false }
                let row = InsightRowKeys.read(row: buffer, known: true)
                pending.append(.success(GraphSavedRow(canonical: canonical, keys: row, locator: locator, pageAccount: nil)))
                return true
            }
            let envelope = paging.flatMap { range in
                (try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range]))).flatMap {
                    GraphEnvelope(.object([("paging", $0)]))
                }
            }
            let account = envelope?.pagingAccount
            for (i, (range, rowKeys)) in rows.enumerated() {
                let row = Array(buffer[range])
                let rowLocator = "\(locator) row \(i + 1)"
                if let rowKeys, rowKeys.isPlainRow {
                    pending.append(
                        .success(GraphSavedRow(canonical: row, keys: rowKeys, locator: rowLocator, pageAccount: account)))
                } else if let value = try? JSONParser.parse(row) {
                    guard collect(value, locator: rowLocator, pageAccount: account) else { return true }
                } else {
                    // Canonical text always parses; queue the parser's word if it ever does not.
                    pending.append(.failure(.savedResponse(source: rowLocator, reason: "the row is not valid JSON")))
                    return true
                }
            }
            return true
        }
    }

    /// The ranges of the elements of the array the scanner stands at (at depth 1 of `bytes`), each object's keys
    /// read on the way (nil for an element that is not an object); nil when it is not an array or the scanner is
    /// unsure of it.
    private static func elements(_ scanner: inout CanonicalScanner, bytes: UnsafeBufferPointer<UInt8>)
        -> [(range: Range<Int>, keys: InsightRowKeys?)]?
    {
        guard scanner.enterArray() else { return nil }
        var elements: [(range: Range<Int>, keys: InsightRowKeys?)] = []
        var cursor = CanonicalScanner.ArrayCursor()
        while true {
            guard let more = scanner.nextElement(&cursor) else { return nil }
            guard more else { return elements }
            let start = scanner.index
            var keys: InsightRowKeys?
            if scanner.nextByte == UInt8(ascii: "{") {
                guard let read = InsightRowKeys.read(&scanner, bytes: bytes, depth: 2) else { return nil }
                keys = read
            } else {
                guard scanner.skipValue(depth: 2) else { return nil }
            }
            elements.append((start..<scanner.index, keys))
        }
    }
}
