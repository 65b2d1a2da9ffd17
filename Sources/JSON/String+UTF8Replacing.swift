extension String {
    /// `self` with every occurrence of `target` replaced by `replacement`, matched on UTF-8 bytes.
    ///
    /// `replacingOccurrences(of:with:)` and `replacing(_:with:)` compare `Character`s, so a quote
    /// followed by a combining mark (`"\u{301}`) is not a quote to them, nor is a token whose last
    /// letter carries one: escaping and redaction must not depend on what follows.
    package func replacingUTF8(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        var out: [UInt8] = []
        var changed = false
        var index = utf8.startIndex
        var copiedFrom = index
        while index != utf8.endIndex {
            if utf8[index] == first, utf8[index...].starts(with: needle) {
                if !changed {
                    out.reserveCapacity(utf8.count + replacement.utf8.count)
                    changed = true
                }
                out.append(contentsOf: utf8[copiedFrom..<index])
                out.append(contentsOf: replacement.utf8)
                index = utf8.index(index, offsetBy: needle.count)
                copiedFrom = index
            } else {
                index = utf8.index(after: index)
            }
        }
        guard changed else { return self }
        out.append(contentsOf: utf8[copiedFrom...])
        return String(decoding: out, as: UTF8.self)
    }
}
