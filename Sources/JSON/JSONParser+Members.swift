extension JSONParser {
    /// Reads the members of the object `bytes` holds, one level deep and without recursion, so no
    /// nesting can exhaust the stack: scalars become values, nested arrays and objects stay their
    /// text as written (checked for syntax only, so their keys may repeat). Keys of the object itself
    /// are kept in order even when one repeats; the caller decides what a repeated key means.
    ///
    /// - Returns: the members, or nil when `bytes` is valid JSON that is not an object.
    public static func members(ofObject bytes: [UInt8]) throws(JSONError) -> [(key: String, value: JSONMemberValue)]? {
        try bytes.withUnsafeBufferPointer { buffer -> Result<[(key: String, value: JSONMemberValue)]?, JSONError> in
            var parser = JSONParser(bytes: buffer, maxDepth: 0)
            do throws(JSONError) {
                let members = try parser.readMembers()
                parser.skipWhitespace()
                guard parser.index == buffer.count else { throw parser.fail("unexpected data after the value") }
                return .success(members)
            } catch {
                return .failure(error)
            }
        }.get()
    }

    /// The members of the object at `index`, or nil after skipping a value that is not an object.
    private mutating func readMembers() throws(JSONError) -> [(key: String, value: JSONMemberValue)]? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
            try skipValue()
            return nil
        }
        index += 1
        var members: [(key: String, value: JSONMemberValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let key = try parseString().text
            try skipColon()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") {
                let start = index
                try skipValue()
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                members.append((key, .nested(text)))
            } else {
                members.append((key, .scalar(try parseValue(depth: 0))))
            }
            if try skipSeparator(closing: UInt8(ascii: "}")) { return members }
        }
    }

    /// Checks the syntax of one value of any depth at `index` and moves past it, keeping a stack of
    /// the closers still owed instead of recursing.
    private mutating func skipValue() throws(JSONError) {
        var closers: [UInt8] = []
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of input") }
            let opener = bytes[index]
            if opener == UInt8(ascii: "{") || opener == UInt8(ascii: "[") {
                let closer = opener == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == closer {
                    index += 1
                } else {
                    closers.append(closer)
                    if closer == UInt8(ascii: "}") { try skipKeyAndColon() }
                    continue
                }
            } else {
                // A scalar: containers never reach here, so no depth is spent.
                _ = try parseValue(depth: 0)
            }
            // After a value: a `,` (and the next key in an object), or the closers it completes.
            while let closer = closers.last {
                guard try skipSeparator(closing: closer) else {
                    if closer == UInt8(ascii: "}") { try skipKeyAndColon() }
                    break
                }
                closers.removeLast()
            }
            if closers.isEmpty { return }
        }
    }

    private mutating func skipKeyAndColon() throws(JSONError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
        _ = try parseString()
        try skipColon()
    }
}
