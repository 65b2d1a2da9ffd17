import Foundation
import JSON
import Normalization

/// What `JSONParser`, canonical JSON and `ExactDecimal` promise for any bytes.
enum JSONProperties {
    /// Deep enough for any Graph response, shallow enough that a fuzzer's nesting stays quick.
    static let maxDepth = 64

    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        func fail(_ property: String) -> FuzzFailure { FuzzFailure(.json, property) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, maxDepth: maxDepth)
        } catch {
            guard (0...bytes.count).contains(error.offset) else {
                throw fail("a reject points at byte \(error.offset), outside the \(bytes.count)-byte input")
            }
            guard !error.description.contains(where: \.isNewline) else { throw fail("a reject's message spans lines") }
            guard RawCanonicalizer.canonicalBytes(of: bytes) == nil else {
                throw fail("the byte rewriter gave canonical text for what the parser rejects")
            }
            return
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw fail("accepted invalid UTF-8") }
        try checkMembers(of: bytes, agreeWith: value)

        let canonical = value.canonicalBytes
        // The byte rewriter (ingest's route, no tree) gives the same bytes, or leaves the text to the parser.
        if let rewritten = RawCanonicalizer.canonicalBytes(of: bytes), rewritten != canonical {
            throw fail("the byte rewriter's canonical text differs from the tree's")
        }
        if let failure = outlineFailure(of: bytes, value: value, canonical: canonical) { throw fail(failure) }
        let reparsed: JSONValue
        do {
            reparsed = try JSONParser.parse(canonical, maxDepth: maxDepth)
        } catch {
            throw fail("the canonical form of an accepted value does not parse: \(error)")
        }
        guard reparsed.canonicalBytes == canonical else { throw fail("canonical JSON is not idempotent") }
        if let failure = knownScanFailure(of: canonical) { throw fail(failure) }
        guard equivalent(value, reparsed) else {
            throw fail("the canonical form holds a different value (beyond member order)")
        }
        try checkNumbers(in: value)
    }

    /// Over canonical bytes, the scanner's steps for bytes known to be canonical (which check nothing) pass over the
    /// whole text, and over an object's members stop where its checking steps stop (while those are sure): what
    /// ingest's page reader relies on. The failure, if any.
    static func knownScanFailure(of canonical: [UInt8]) -> String? {
        canonical.withUnsafeBufferPointer { bytes -> String? in
            var whole = CanonicalScanner(bytes)
            guard whole.skipKnownValue(), whole.isAtEnd else {
                return "a known skip stops short of canonical text's end"
            }
            var (checked, known) = (CanonicalScanner(bytes), CanonicalScanner(bytes))
            guard checked.enterObject(), known.enterObject() else { return nil }
            var (checkedCursor, knownCursor) = (CanonicalScanner.ObjectCursor(), CanonicalScanner.ObjectCursor())
            while true {
                guard let step = checked.nextKey(&checkedCursor) else { return nil }
                let knownStep = known.nextKnownKey(&knownCursor)
                switch (step, knownStep) {
                case (.end, .end?): return known.isAtEnd ? nil : "a known object walk ends before the text"
                case (.key(let key), .key(let knownKey)?) where CanonicalScanner.equal(key, knownKey):
                    guard checked.index == known.index else { return "a known key read stops elsewhere" }
                default: return "a known key read differs from the checked one"
                }
                guard checked.skipValue() else { return nil }
                guard known.skipKnownValue(), known.index == checked.index else {
                    return "a known skip of a member stops elsewhere than the checked one"
                }
            }
        }
    }

    /// A page's outline (what ingest's page reader takes rows and their keys from) places every member and element
    /// where the tree's canonical text has it, and the page rewriter gives the bytes the rewriter does. The failure,
    /// if any.
    static func outlineFailure(of bytes: [UInt8], value: JSONValue, canonical: [UInt8]) -> String? {
        guard let page = RawCanonicalizer.canonicalPage(of: bytes) else {
            guard RawCanonicalizer.canonicalBytes(of: bytes) == nil else {
                return "the page rewriter gives up where the rewriter does not"
            }
            return nil
        }
        guard page.bytes == canonical else { return "the page rewriter's canonical text differs from the tree's" }
        func slice(_ range: Range<Int>) -> [UInt8] { Array(canonical[range]) }
        /// Whether `members` are `object`'s, in canonical order, each slicing to its key and value.
        func placed(_ members: ArraySlice<CanonicalOutline.Member>, _ object: [(key: String, value: JSONValue)])
            -> Bool
        {
            let sorted = object.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            return members.count == sorted.count
                && zip(members, sorted).allSatisfy { member, expected in
                    slice(member.key) == Array(expected.key.utf8)
                        && slice(member.value) == expected.value.canonicalBytes
                }
        }
        guard case .object(let top) = value else {
            return page.outline.members == nil ? nil : "a value that is no object has outlined members"
        }
        guard let members = page.outline.members, placed(members[...], top) else {
            return "an outlined top-level member is not where the canonical text has it"
        }
        guard case .array(let elements)? = value["data"] else {
            return page.outline.elements == nil ? nil : "a page with no data array has outlined elements"
        }
        guard let outlined = page.outline.elements, outlined.count == elements.count else {
            return "the outline lacks data elements"
        }
        for (element, expected) in zip(outlined, elements) {
            guard slice(element.range) == expected.canonicalBytes else { return "an outlined element is misplaced" }
            switch (element.members, expected) {
            case (let range?, .object(let object)) where placed(page.outline.elementMembers[range], object): continue
            case (nil, let other) where other.objectMembers == nil: continue
            default: return "an outlined element's members are not where the canonical text has them"
            }
        }
        return nil
    }

    /// The one-level reader (JSON lines) accepts what the full parser accepts, and reads the same members.
    static func checkMembers(of bytes: [UInt8], agreeWith value: JSONValue) throws(FuzzFailure) {
        func fail(_ property: String) -> FuzzFailure { FuzzFailure(.json, property) }
        let members: [(key: String, value: JSONMemberValue)]?
        do {
            members = try JSONParser.members(ofObject: bytes)
        } catch {
            throw fail("the one-level reader rejects what the parser accepts: \(error)")
        }
        guard let expected = value.objectMembers else {
            guard members == nil else { throw fail("the one-level reader read members of a non-object") }
            return
        }
        guard let members, members.map(\.key) == expected.map(\.key) else {
            throw fail("the one-level reader read other keys than the parser")
        }
        for (member, full) in zip(members, expected) {
            switch member.value {
            case .scalar(let scalar):
                guard scalar == full.value else { throw fail("member \(member.key) reads differently one level deep") }
            case .nested(let text):
                guard (try? JSONParser.parse(text, maxDepth: maxDepth)) == full.value else {
                    throw fail("the text kept for nested member \(member.key) is not its value")
                }
            }
        }
    }

    /// Values equal up to the order of object members, which canonical JSON sorts.
    static func equivalent(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equivalent($0, $1) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            var byKey: [String: JSONValue] = [:]
            for member in y { byKey[member.key] = member.value }
            return x.allSatisfy { member in byKey[member.key].map { equivalent(member.value, $0) } ?? false }
        default:
            return a == b
        }
    }

    /// Every number and numeric string: an exact reading survives its own text, and the fast
    /// storage conversion agrees with the general one.
    static func checkNumbers(in value: JSONValue) throws(FuzzFailure) {
        switch value {
        case .number(let text), .string(let text):
            guard text.utf8.count <= 400, let decimal = ExactDecimal.parse(text) else { return }
            try checkDecimal(decimal, from: text, target: .json)
        case .array(let elements):
            for element in elements { try checkNumbers(in: element) }
        case .object(let members):
            for member in members { try checkNumbers(in: member.value) }
        case .null, .bool:
            return
        }
    }

    /// The properties of one exact decimal, wherever it came from: its text reads back the same, and its storage
    /// value is the one Foundation's `Decimal` decides.
    static func checkDecimal(_ decimal: ExactDecimal, from source: String, target: FuzzTarget) throws(FuzzFailure) {
        guard ExactDecimal.parse(decimal.description) == decimal else {
            throw FuzzFailure(target, "\(source) reads as \(decimal), whose text does not read back the same")
        }
        let stored = ExactDecimal.storageValue(of: decimal)
        guard let reference = DecimalOracle.storageValue(of: decimal) else {
            throw FuzzFailure(target, "\(source): Foundation cannot read \(decimal)")
        }
        let agrees =
            switch stored {
            case .integer(let value): reference.integer == value
            case .real(let value): reference.real.map { $0.bitPattern == value.bitPattern } ?? false
            }
        guard agrees else {
            throw FuzzFailure(target, "\(source): storage value \(stored) differs from Foundation's \(reference)")
        }
    }
}
