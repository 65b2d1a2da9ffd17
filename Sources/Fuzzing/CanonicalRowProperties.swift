import Foundation
import JSON
import Normalization

/// What the byte reader of canonical rows (`Normalizer.normalize(canonical:…)`, the rebuild's fast path) promises:
/// whenever it reads a row it agrees with the tree path (`JSONParser` then `Normalizer.normalize`, no raw arrays)
/// to the last column, malformed column and digit; it never reads bytes the parser rejects; and it reads every
/// canonical row whose keys it can vouch for, so it cannot pass by refusing everything.
enum CanonicalRowProperties {
    /// A reader of one row's bytes: nil when it leaves them to the tree path.
    typealias Reader = ([UInt8]) -> NormalizedInsight?

    static let accountCurrency = "USD"
    static let attribution = "7d_click,1d_view"

    /// The reader under test: the row must be the whole input.
    static func byteReader(_ bytes: [UInt8]) -> NormalizedInsight? { read(bytes, known: false) }

    /// The byte reader over bytes known to be canonical (``CanonicalScanner/init(_:known:)``).
    static func knownReader(_ bytes: [UInt8]) -> NormalizedInsight? { read(bytes, known: true) }

    private static func read(_ bytes: [UInt8], known: Bool) -> NormalizedInsight? {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CanonicalScanner(buffer, known: known)
            guard
                let insight = Normalizer.normalize(
                    canonical: &scanner, accountCurrency: accountCurrency, attribution: attribution),
                scanner.isAtEnd
            else { return nil }
            return insight
        }
    }

    static func check(_ bytes: [UInt8], reader: Reader = byteReader) throws(FuzzFailure) {
        func fail(_ property: String) -> FuzzFailure { FuzzFailure(.canonical, property) }
        try compare(bytes, reader: reader)
        guard let row = try? JSONParser.parse(bytes, maxDepth: JSONProperties.maxDepth) else { return }
        let canonical = row.canonicalBytes
        let keys = canonical.withUnsafeBufferPointer {
            (InsightRowKeys.read(row: $0), InsightRowKeys.read(row: $0, known: true))
        }
        // The page reader's read of canonical bytes it wrote agrees with the checking read, whenever that is sure.
        if let checked = keys.0, checked != keys.1 {
            throw fail("a row's keys read as known differ from the checked read")
        }
        // And so does its read of the members the page rewriter outlined as it wrote them.
        if let checked = keys.0, let page = RawCanonicalizer.canonicalPage(of: canonical),
            let members = page.outline.members,
            page.bytes.withUnsafeBufferPointer({ InsightRowKeys.read(members: members[...], bytes: $0) }) != checked
        {
            throw fail("a row's keys read from its outlined members differ from the checked read")
        }
        // Ingest's preparing threads read the rows the page reader wrote with a scanner that knows them canonical.
        if let checked = byteReader(canonical), knownReader(canonical) != checked {
            throw fail("the byte reader reads a row known to be canonical differently")
        }
        let read = try compare(canonical, reader: reader)
        if !read, isReadable(row, depth: 0) {
            throw fail("the byte reader left a canonical row with plain keys to the tree path")
        }
        for variant in variants(of: row, canonical: canonical) { try compare(variant, reader: reader) }
    }

    /// Checks that `reader` agrees with the tree path on `bytes` when it reads them; whether it did.
    @discardableResult
    static func compare(_ bytes: [UInt8], reader: Reader) throws(FuzzFailure) -> Bool {
        func fail(_ property: String) -> FuzzFailure { FuzzFailure(.canonical, property) }
        guard let fast = reader(bytes) else { return false }
        let tree: JSONValue
        do {
            tree = try JSONParser.parse(bytes)
        } catch {
            throw fail("the byte reader read bytes the parser rejects (\(error))")
        }
        let expected = Normalizer.normalize(
            tree, accountCurrency: accountCurrency, attribution: attribution, rawArrays: false)
        guard fast == expected else { throw fail("the byte reader's columns differ from the tree path's") }
        guard fast.malformedColumns == expected.malformedColumns else {
            throw fail("the byte reader counts other malformed columns than the tree path")
        }
        for column in NormalizedInsight.metricColumns
        where column.value(fast)?.description != column.value(expected)?.description {
            throw fail("\(column.name) is written differently by the byte reader")
        }
        return true
    }

    /// Whether the byte reader must read this value's canonical bytes: every key plain printable ASCII (no escape
    /// in canonical form), nesting well inside the scanner's limit.
    static func isReadable(_ value: JSONValue, depth: Int) -> Bool {
        guard depth < 16 else { return false }
        switch value {
        case .array(let elements): return elements.allSatisfy { isReadable($0, depth: depth + 1) }
        case .object(let members):
            return members.allSatisfy { member in
                member.key.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C }
                    && isReadable(member.value, depth: depth + 1)
            }
        default: return true
        }
    }

    /// Near-canonical forms of a row: a member repeated (the parser rejects it), two members swapped, whitespace
    /// added, and single bytes deleted or replaced at spread positions.
    static func variants(of row: JSONValue, canonical: [UInt8]) -> [[UInt8]] {
        var variants: [[UInt8]] = []
        if let members = row.objectMembers, !members.isEmpty {
            let texts = members.map { member -> [UInt8] in
                // `{"key":value}` without its braces.
                Array(JSONValue.object([member]).canonicalBytes.dropFirst().dropLast())
            }
            func object(_ parts: [[UInt8]]) -> [UInt8] {
                [UInt8(ascii: "{")] + Array(parts.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "}")]
            }
            let middle = texts.count / 2
            variants.append(object(Array(texts[...middle]) + [texts[middle]] + Array(texts[(middle + 1)...])))
            if texts.count > 1 {
                var swapped = texts
                swapped.swapAt(middle, middle == 0 ? 1 : middle - 1)
                variants.append(object(swapped))
            }
        }
        variants.append([UInt8(ascii: " ")] + canonical)
        variants.append(canonical + [UInt8(ascii: "\n")])
        let replacements: [UInt8] = [0x22, 0x5C, 0x7D, 0x5D, 0x2C, 0x3A, 0x30, 0x80, 0x1F, 0x20, 0x7B]
        let step = max(1, canonical.count / 24)
        for (n, position) in stride(from: 0, to: canonical.count, by: step).enumerated() {
            var deleted = canonical
            deleted.remove(at: position)
            variants.append(deleted)
            var replaced = canonical
            replaced[position] = replacements[n % replacements.count]
            variants.append(replaced)
        }
        return variants
    }
}
