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
        // The rewriter outlines the page as it writes it (its members, the `data` array's elements and theirs), so
        // no second pass over the bytes finds the rows or reads their keys.
        guard let (canonical, outline) = RawCanonicalizer.canonicalPage(of: text), let members = outline.members else {
            return false
        }
        return canonical.withUnsafeBufferPointer { buffer -> Bool in
            var keys = InsightRowKeys()
            var paging: Range<Int>?
            var hasData = false
            for member in members {
                let key = UnsafeBufferPointer(rebasing: buffer[member.key])
                keys.note(key)
                if CanonicalScanner.equal(key, "data") { hasData = true }
                if CanonicalScanner.equal(key, "paging") { paging = member.value }
            }
            guard !keys.hasError else { return false }
            guard hasData else {
                // One row, unless it is an ads-edge element or a bare `{"id": …}`: those the tree path reads.
                guard keys.isPlainRow else { return false }
                let row = InsightRowKeys.read(members: members[...], bytes: buffer)
                pending.append(.success(GraphSavedRow(canonical: canonical, keys: row, locator: locator, pageAccount: nil)))
                return true
            }
            // A `data` that is not an array: the tree path names it.
            guard let elements = outline.elements else { return false }
            let envelope = paging.flatMap { range in
                (try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[range]))).flatMap {
                    GraphEnvelope(.object([("paging", $0)]))
                }
            }
            let account = envelope?.pagingAccount
            for (i, element) in elements.enumerated() {
                let row = Array(buffer[element.range])
                let rowLocator = "\(locator) row \(i + 1)"
                let rowKeys = element.members.flatMap {
                    InsightRowKeys.read(members: outline.elementMembers[$0], bytes: buffer)
                }
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
}
