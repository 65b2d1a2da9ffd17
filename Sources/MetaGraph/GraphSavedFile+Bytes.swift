import JSON

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
            var scanner = CanonicalScanner(buffer)
            guard scanner.enterObject() else { return false }
            var cursor = CanonicalScanner.ObjectCursor()
            var rows: [Range<Int>]?
            var paging: Range<Int>?
            var keys = OuterKeys()
            while true {
                guard let step = scanner.nextKey(&cursor) else { return false }
                guard case .key(let key) = step else { break }
                keys.note(key)
                if CanonicalScanner.equal(key, "data") {
                    guard let elements = Self.elements(&scanner) else { return false }
                    rows = elements
                } else {
                    let valueStart = scanner.index
                    guard scanner.skipValue() else { return false }
                    if CanonicalScanner.equal(key, "paging") { paging = valueStart..<scanner.index }
                }
            }
            guard scanner.isAtEnd, !keys.error else { return false }
            guard let rows else {
                // One row, unless it is an ads-edge element or a bare `{"id": …}`: those the tree path reads.
                guard !keys.insights, !keys.isBareObject else { return false }
                pending.append(.success(GraphSavedRow(canonical: canonical, locator: locator, pageAccount: nil)))
                return true
            }
            let envelope = paging.flatMap { range in
                (try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range]))).flatMap {
                    GraphEnvelope(.object([("paging", $0)]))
                }
            }
            let account = envelope?.pagingAccount
            for (i, range) in rows.enumerated() {
                let row = Array(buffer[range])
                let rowLocator = "\(locator) row \(i + 1)"
                if Self.isPlainRow(row) {
                    pending.append(.success(GraphSavedRow(canonical: row, locator: rowLocator, pageAccount: account)))
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

    /// The keys of an object that decide how ``collect(_:locator:pageAccount:)`` reads it.
    private struct OuterKeys {
        var error = false
        var data = false
        var insights = false
        var id = false
        var adId = false
        var dateStart = false
        var count = 0

        mutating func note(_ key: UnsafeBufferPointer<UInt8>) {
            count += 1
            if CanonicalScanner.equal(key, "error") { error = true }
            if CanonicalScanner.equal(key, "data") { data = true }
            if CanonicalScanner.equal(key, "insights") { insights = true }
            if CanonicalScanner.equal(key, "id") { id = true }
            if CanonicalScanner.equal(key, "ad_id") { adId = true }
            if CanonicalScanner.equal(key, "date_start") { dateStart = true }
        }

        /// An ad with no data in the range, which comes back as just `{"id": …}` (and is skipped).
        var isBareObject: Bool { id && !adId && !dateStart && count <= 2 }
    }

    /// The ranges of the elements of the array the scanner stands at; nil when it is not an array.
    private static func elements(_ scanner: inout CanonicalScanner) -> [Range<Int>]? {
        guard scanner.enterArray() else { return nil }
        var ranges: [Range<Int>] = []
        var cursor = CanonicalScanner.ArrayCursor()
        while true {
            guard let more = scanner.nextElement(&cursor) else { return nil }
            guard more else { return ranges }
            let start = scanner.index
            guard scanner.skipValue(depth: 2) else { return nil }
            ranges.append(start..<scanner.index)
        }
    }

    /// Whether canonical `row` is an object that ``collect(_:locator:pageAccount:)`` would queue as it is.
    private static func isPlainRow(_ row: [UInt8]) -> Bool {
        row.withUnsafeBufferPointer { buffer in
            var scanner = CanonicalScanner(buffer)
            guard scanner.enterObject() else { return false }
            var cursor = CanonicalScanner.ObjectCursor()
            var keys = OuterKeys()
            while true {
                guard let step = scanner.nextKey(&cursor) else { return false }
                guard case .key(let key) = step else { break }
                keys.note(key)
                guard scanner.skipValue(depth: 2) else { return false }
            }
            return !keys.error && !keys.data && !keys.insights && !keys.isBareObject
        }
    }
}
