#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rewrites JSON text as its canonical text (see ``JSONValue/canonicalBytes``) in one pass over the bytes, with no
/// tree: whitespace dropped, each object's members reordered by key, strings and numbers copied as they are (a
/// string with an escape is decoded and written as the canonical writer writes it).
///
/// It gives exactly the bytes `JSONParser.parse(text).canonicalBytes` gives, or nil when it is not sure: a key that
/// is not plain ASCII (an escape or a non-ASCII byte, where the parser compares keys as Swift strings), a repeated
/// key, nesting deeper than ``maxDepth``, and anything the parser rejects. The caller then parses the text, which
/// gives the value or the exact error.
package struct RawCanonicalizer: ~Copyable {
    /// The deepest nesting followed; deeper values are left to the parser.
    package static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    private var index = 0
    private var writer: CanonicalWriter
    /// The members of the objects being read, innermost object's last.
    private var members: [Member] = []
    /// ``reorder(from:objectStart:)``'s member order and copy of the object's body, kept for the next object (most
    /// objects of a Graph row are out of order: every action entry is).
    private var order: [Int] = []
    private var body: [UInt8] = []
    /// The orders of the last objects of ``KeyOrder/minimumMembers`` or more members sorted: a page's rows come with
    /// their keys in the same sequence, so most take a known order instead of being sorted again.
    private var knownOrders: [KeyOrder] = []
    private var nextKnownOrder = 0
    /// What ``canonicalPage(of:)`` is outlining; nil for ``canonicalBytes(of:)``.
    private var outline: CanonicalOutline?
    /// The top-level object's `data` member's value is next (or being written, until its array starts).
    private var writingData = false
    /// The `data` array's elements are being written: each object at depth 2 is one.
    private var outliningElements = false

    /// One member of an object: its key's bytes in the input and its `"key":value` in the output.
    private struct Member {
        var keyStart: Int
        var keyEnd: Int
        var outputStart: Int
        var outputEnd: Int
    }

    /// A rewriter at the start of `bytes` (which must outlive it).
    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // The canonical text is the input less its whitespace, give or take an escape: sized to it, a saved page
        // of several megabytes is written without growing (each growth copied it and faulted in fresh pages).
        writer = CanonicalWriter(capacity: bytes.count + 64)
    }

    /// The canonical bytes of the one JSON value `text` holds (whitespace around it allowed); nil when unsure.
    package static func canonicalBytes(of text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var rewriter = RawCanonicalizer(text)
        guard let value = rewriter.nextValue() else { return nil }
        rewriter.skipWhitespace()
        return rewriter.isAtEnd ? value : nil
    }

    /// The canonical bytes of the one JSON value `text` holds; nil when unsure.
    package static func canonicalBytes(of text: [UInt8]) -> [UInt8]? {
        text.withUnsafeBufferPointer { canonicalBytes(of: $0) }
    }

    /// ``canonicalBytes(of:)`` and where a page's parts stand in them (``CanonicalOutline``), found while writing
    /// them; nil when unsure.
    package static func canonicalPage(of text: [UInt8]) -> (bytes: [UInt8], outline: CanonicalOutline)? {
        text.withUnsafeBufferPointer { text in
            var rewriter = RawCanonicalizer(text)
            rewriter.outline = CanonicalOutline()
            guard let value = rewriter.nextValue(), let outline = rewriter.outline else { return nil }
            rewriter.skipWhitespace()
            return rewriter.isAtEnd ? (value, outline) : nil
        }
    }

    /// Whether every byte has been read.
    private var isAtEnd: Bool { index == bytes.count }

    /// Rewrites the value at the read position (after any whitespace) and moves past it; nil when unsure.
    private mutating func nextValue() -> [UInt8]? {
        writer.truncate(to: 0)
        members.removeAll(keepingCapacity: true)
        skipWhitespace()
        guard writeValue(depth: 0) else { return nil }
        return writer.bytes()
    }

    // MARK: rewriting

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func writeValue(depth: Int) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"): return depth < Self.maxDepth && writeObject(depth: depth)
        case UInt8(ascii: "["): return depth < Self.maxDepth && writeArray(depth: depth)
        case UInt8(ascii: "\""): return writeString()
        case UInt8(ascii: "t"): return writeLiteral("true")
        case UInt8(ascii: "f"): return writeLiteral("false")
        case UInt8(ascii: "n"): return writeLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return writeNumber()
        default: return false
        }
    }

    private mutating func writeObject(depth: Int) -> Bool {
        index += 1
        let objectStart = writer.count
        writer.append(UInt8(ascii: "{"))
        let base = members.count
        defer { members.removeSubrange(base...) }
        var sorted = true
        while true {
            skipWhitespace()
            guard index < bytes.count else { return false }
            if members.count == base, bytes[index] == UInt8(ascii: "}") { break }
            if members.count > base {
                if bytes[index] == UInt8(ascii: "}") { break }
                guard bytes[index] == UInt8(ascii: ",") else { return false }
                index += 1
                skipWhitespace()
                writer.append(UInt8(ascii: ","))
            }
            let outputStart = writer.count
            guard let key = readPlainKey() else { return false }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            skipWhitespace()
            writer.append(UInt8(ascii: "\""))
            writer.append(UnsafeBufferPointer(rebasing: bytes[key]))
            writer.append("\":")
            writingData = outline != nil && depth == 0 && Self.isData(UnsafeBufferPointer(rebasing: bytes[key]))
            guard writeValue(depth: depth + 1) else { return false }
            writingData = false
            let member = Member(
                keyStart: key.lowerBound, keyEnd: key.upperBound, outputStart: outputStart, outputEnd: writer.count)
            if let previous = members.last, members.count > base {
                let order = compareKeys(previous, member)
                // A repeated key: the parser rejects it.
                if order == 0 { return false }
                if order > 0 { sorted = false }
            }
            members.append(member)
        }
        index += 1
        if !sorted, !reorder(from: base, objectStart: objectStart) { return false }
        if outline != nil, depth == 0 || (depth == 2 && outliningElements) {
            outlineMembers(from: base, objectStart: objectStart, reordered: !sorted, depth: depth)
        }
        writer.append(UInt8(ascii: "}"))
        return true
    }

    /// Whether a key's bytes are `data`.
    private static func isData(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        CanonicalScanner.equal(key, "data")
    }

    /// Notes the members from `base` on where they stand once their object (the top-level one at `depth` 0, else an
    /// element of the `data` array) is written from `objectStart`: in key order, `order` when `reordered`. The top
    /// level's reordering moves what the outline holds of its `data` member's value along with it.
    private mutating func outlineMembers(from base: Int, objectStart: Int, reordered: Bool, depth: Int) {
        guard var outline else { return }
        // Appended to the outline's own array (an element's members straight to ``CanonicalOutline/elementMembers``).
        self.outline = nil
        defer { self.outline = outline }
        var topMembers: [CanonicalOutline.Member] = []
        var position = objectStart + 1
        var dataShift = 0
        for offset in 0..<(members.count - base) {
            let member = members[reordered ? order[offset] : base + offset]
            if offset > 0 { position += 1 }
            let keyCount = member.keyEnd - member.keyStart
            let length = member.outputEnd - member.outputStart
            // `"key":value`, the key's bytes as they are in the input.
            let outlined = CanonicalOutline.Member(
                key: (position + 1)..<(position + 1 + keyCount), value: (position + keyCount + 3)..<(position + length))
            if depth == 0 {
                topMembers.append(outlined)
                if Self.isData(UnsafeBufferPointer(rebasing: bytes[member.keyStart..<member.keyEnd])) {
                    dataShift = position - member.outputStart
                }
            } else {
                outline.elementMembers.append(outlined)
            }
            position += length
        }
        if depth == 0 {
            outline.members = topMembers
            outline.shiftData(by: dataShift)
        }
    }

    /// Writes the members from `base` on in key order after the object's `{` at `objectStart`; false when two keys
    /// are equal.
    private mutating func reorder(from base: Int, objectStart: Int) -> Bool {
        order.removeAll(keepingCapacity: true)
        let count = members.count - base
        if count >= KeyOrder.minimumMembers, let known = knownOrders.firstIndex(where: { sameKeys($0, from: base) }) {
            // The same keys in the same sequence as an object sorted before (no key repeated, or it would not be kept).
            order.append(contentsOf: knownOrders[known].order.lazy.map { base + $0 })
        } else {
            order.append(contentsOf: base..<members.count)
            // Insertion sort: objects are small.
            for i in 1..<order.count {
                let current = order[i]
                var j = i
                while j > 0 {
                    let comparison = compareKeys(members[order[j - 1]], members[current])
                    if comparison == 0 { return false }
                    guard comparison > 0 else { break }
                    order[j] = order[j - 1]
                    j -= 1
                }
                order[j] = current
            }
            if count >= KeyOrder.minimumMembers { rememberOrder(from: base) }
        }
        let bodyStart = objectStart + 1
        body.removeAll(keepingCapacity: true)
        body.append(contentsOf: writer.written(from: bodyStart))
        writer.truncate(to: bodyStart)
        body.withUnsafeBufferPointer { copy in
            for (position, index) in order.enumerated() {
                if position > 0 { writer.append(UInt8(ascii: ",")) }
                let member = members[index]
                let range = (member.outputStart - bodyStart)..<(member.outputEnd - bodyStart)
                writer.append(UnsafeBufferPointer(rebasing: copy[range]))
            }
        }
        return true
    }

    /// A sorted object's keys in the sequence they came in, and the order (offsets into that sequence) that sorts them.
    private struct KeyOrder {
        /// Smaller objects sort in fewer steps than a lookup takes.
        static let minimumMembers = 8
        /// How many orders are kept.
        static let kept = 4
        /// The keys' bytes, one after another.
        let keys: [UInt8]
        /// Where each key ends in `keys`.
        let ends: [Int]
        let order: [Int]
    }

    /// Keeps the order just sorted of the members from `base` on, in place of the oldest kept.
    private mutating func rememberOrder(from base: Int) {
        var keys: [UInt8] = []
        var ends: [Int] = []
        for member in members[base...] {
            keys.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[member.keyStart..<member.keyEnd]))
            ends.append(keys.count)
        }
        let remembered = KeyOrder(keys: keys, ends: ends, order: order.map { $0 - base })
        if knownOrders.count < KeyOrder.kept {
            knownOrders.append(remembered)
        } else {
            knownOrders[nextKnownOrder] = remembered
            nextKnownOrder = (nextKnownOrder + 1) % KeyOrder.kept
        }
    }

    /// Whether the members from `base` on have exactly `known`'s keys, in the same sequence.
    private func sameKeys(_ known: KeyOrder, from base: Int) -> Bool {
        guard known.ends.count == members.count - base, let text = bytes.baseAddress else { return false }
        return known.keys.withUnsafeBufferPointer { keys in
            guard let stored = keys.baseAddress else { return false }
            var start = 0
            for (offset, end) in known.ends.enumerated() {
                let member = members[base + offset]
                let length = member.keyEnd - member.keyStart
                guard end - start == length, memcmp(stored + start, text + member.keyStart, length) == 0 else {
                    return false
                }
                start = end
            }
            return true
        }
    }

    /// Byte order of two members' keys: negative, zero or positive.
    private func compareKeys(_ a: Member, _ b: Member) -> Int {
        let aCount = a.keyEnd - a.keyStart
        let bCount = b.keyEnd - b.keyStart
        for offset in 0..<min(aCount, bCount) {
            let x = bytes[a.keyStart + offset]
            let y = bytes[b.keyStart + offset]
            if x != y { return x < y ? -1 : 1 }
        }
        return aCount - bCount
    }

    private mutating func writeArray(depth: Int) -> Bool {
        index += 1
        writer.append(UInt8(ascii: "["))
        let outlining = depth == 1 && writingData
        if outlining {
            (writingData, outliningElements) = (false, true)
            outline?.elements = []
            // About a member per 60 bytes of a Graph page's text: reserved, a page of several megabytes does not
            // copy its members' outline each time the array outgrows itself.
            outline?.elementMembers.reserveCapacity(bytes.count / 60)
        }
        defer { if outlining { outliningElements = false } }
        var first = true
        while true {
            skipWhitespace()
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: "]") { break }
            if !first {
                guard bytes[index] == UInt8(ascii: ",") else { return false }
                index += 1
                skipWhitespace()
                writer.append(UInt8(ascii: ","))
            }
            first = false
            guard outlining else {
                guard writeValue(depth: depth + 1) else { return false }
                continue
            }
            let start = writer.count
            let membersBefore = outline?.elementMembers.count ?? 0
            let isObject = index < bytes.count && bytes[index] == UInt8(ascii: "{")
            guard writeValue(depth: depth + 1) else { return false }
            let members = isObject ? membersBefore..<(outline?.elementMembers.count ?? 0) : nil
            outline?.elements?.append(CanonicalOutline.Element(range: start..<writer.count, members: members))
        }
        index += 1
        writer.append(UInt8(ascii: "]"))
        return true
    }

    /// A key of plain ASCII with no escape (the rewriter stands at its `"`): its bytes' range; nil for any other.
    private mutating func readPlainKey() -> Range<Int>? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        let (end, high) = JSONBytes.plainRun(in: bytes, from: start)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), high < 0x80 else { return nil }
        index = end + 1
        return start..<end
    }

    private mutating func writeString() -> Bool {
        let start = index + 1
        let (end, high) = JSONBytes.plainRun(in: bytes, from: start)
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if high >= 0x80, !UTF8Validation.isValid(run) { return false }
            // No byte of a plain run needs escaping: its canonical text is itself.
            writer.append(UInt8(ascii: "\""))
            writer.append(run)
            writer.append(UInt8(ascii: "\""))
            index = end + 1
            return true
        }
        // An escape (or a control character, which the parser rejects): the parser decodes it.
        var parser = JSONParser(bytes: bytes, maxDepth: 0)
        parser.index = index
        guard let text = try? parser.parseString().text else { return false }
        index = parser.index
        writer.writeQuoted(text)
        return true
    }

    /// The number grammar of ``JSONParser/parseNumber()``; the lexeme is copied as it is.
    private mutating func writeNumber() -> Bool {
        guard let end = JSONBytes.numberEnd(in: bytes, from: index) else { return false }
        writer.append(UnsafeBufferPointer(rebasing: bytes[index..<end]))
        index = end
        return true
    }

    private mutating func writeLiteral(_ literal: StaticString) -> Bool {
        guard JSONBytes.matches(literal, in: bytes, at: index) else { return false }
        index += literal.utf8CodeUnitCount
        writer.append(literal)
        return true
    }
}
