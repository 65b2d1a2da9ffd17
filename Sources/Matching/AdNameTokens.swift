/// Extracts candidate creative identifiers from Meta ad names.
///
/// Rules (DESIGN §5, issue 5):
/// - a `.shortId` token is a run of exactly 8 ASCII hex digits, any case, bounded on each side
///   by the start/end of the name or a character that is neither a letter nor a number; letters
///   and numbers of every script (`é`, `日`, `٣`) count, so `xd4e5f6a7`, `d4e5f6a7b` and
///   `éd4e5f6a7` yield nothing, while `_`, `-`, `.`, spaces and punctuation are boundaries;
/// - the first group of a full `8-4-4-4-12` UUID (bounded the same way) is such a token, marked
///   `isInUUID`;
/// - a `<6 hex>-<6 hex>` pair, each group bounded the same way, yields its second group as a
///   `.legacyPrefix` token at the second group's offset;
/// - tokens are returned in order of position, hex lower-cased; the same value may occur twice.
public enum AdNameTokens {
    /// Class codes for one `Character`: a lower-case hex digit stands for itself.
    static let otherAlphanumeric = UInt8(ascii: "g")
    static let hyphen = UInt8(ascii: "-")
    static let separator = UInt8(ascii: " ")

    /// The candidate tokens in `adName`, in order of position.
    public static func extract(from adName: String) -> [AdNameToken] {
        let classes = classify(adName)
        var tokens: [AdNameToken] = []
        var segments: [Range<Int>] = []
        var index = 0
        while index < classes.count {
            guard classes[index] != hyphen, classes[index] != separator else {
                index += 1
                continue
            }
            let start = index
            var allHex = true
            while index < classes.count, classes[index] != hyphen, classes[index] != separator {
                if classes[index] == otherAlphanumeric { allHex = false }
                index += 1
            }
            // Only all-hex runs matter; any other run just breaks adjacency.
            segments.append(allHex ? start..<index : start..<start)
            let run = start..<index
            guard allHex else { continue }
            if run.count == 8 {
                tokens.append(token(classes[run], at: start, kind: .shortId, inUUID: false))
            } else if run.count == 6, segments.count >= 2 {
                let previous = segments[segments.count - 2]
                if previous.count == 6, isJoinedByHyphen(previous, run, classes) {
                    tokens.append(token(classes[run], at: start, kind: .legacyPrefix, inUUID: false))
                }
            } else if run.count == 12, segments.count >= 5 {
                markUUID(endingWith: segments.count - 1, segments: segments, classes: classes, tokens: &tokens)
            }
        }
        return tokens
    }

    /// Marks the token that starts the UUID whose last group is `segments[last]`, if there is one.
    static func markUUID(endingWith last: Int, segments: [Range<Int>], classes: [UInt8], tokens: inout [AdNameToken]) {
        let groups = segments[(last - 4)...last]
        guard zip(groups, [8, 4, 4, 4, 12]).allSatisfy({ $0.count == $1 }) else { return }
        for (left, right) in zip(groups, groups.dropFirst()) where !isJoinedByHyphen(left, right, classes) {
            return
        }
        let start = groups[groups.startIndex].lowerBound
        guard let position = tokens.lastIndex(where: { $0.offset == start }) else { return }
        let found = tokens[position]
        tokens[position] = AdNameToken(
            value: found.value, offset: found.offset, kind: found.kind, isAllDigits: found.isAllDigits,
            isDate: found.isDate, isInUUID: true)
    }

    /// True when exactly one `-` separates `left` from `right`.
    static func isJoinedByHyphen(_ left: Range<Int>, _ right: Range<Int>, _ classes: [UInt8]) -> Bool {
        !left.isEmpty && right.lowerBound == left.upperBound + 1 && classes[left.upperBound] == hyphen
    }

    /// A token for the lower-case hex digits `digits` found at `offset`.
    static func token(_ digits: ArraySlice<UInt8>, at offset: Int, kind: AdNameTokenKind, inUUID: Bool) -> AdNameToken {
        let allDigits = digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return AdNameToken(
            value: String(decoding: digits, as: UTF8.self),
            offset: offset,
            kind: kind,
            isAllDigits: allDigits,
            isDate: kind == .shortId && allDigits && DigitDate.isDate(digits),
            isInUUID: inUUID)
    }

    /// One class code per `Character` of `name`: the lower-case hex digit, `g` for any other
    /// letter or number, `-` for a hyphen, a space for everything else.
    static func classify(_ name: String) -> [UInt8] {
        let utf8 = name.utf8
        // Fast path: in ASCII without CR every byte is one Character ("\r\n" is a single one).
        if utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
            return utf8.map(classify(ascii:))
        }
        return name.map { character in
            if character.isASCII, character.unicodeScalars.count == 1, let byte = character.asciiValue {
                return classify(ascii: byte)
            }
            return character.isLetter || character.isNumber ? otherAlphanumeric : separator
        }
    }

    /// The class code of one ASCII byte.
    static func classify(ascii byte: UInt8) -> UInt8 {
        if let hex = CreativeID.lowerHexDigit(byte) { return hex }
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return otherAlphanumeric
        case hyphen: return hyphen
        default: return separator
        }
    }
}
