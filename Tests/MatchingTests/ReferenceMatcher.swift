import Matching

/// A deliberately naive restatement of DESIGN §5 (window scans, linear search over creatives),
/// used to check `MatchSuggester` on generated names.
struct ReferenceMatcher {
    let creatives: [CreativeRef]

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    private static func isHex(_ character: Character) -> Bool {
        character.isASCII && character.isHexDigit
    }

    private static func isDate(_ text: String) -> Bool {
        guard text.count == 8, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let digits = Array(text)
        func value(_ start: Int, _ count: Int) -> Int { Int(String(digits[start..<(start + count)])) ?? -1 }
        func valid(_ year: Int, _ month: Int, _ day: Int) -> Bool {
            guard (1900...2100).contains(year), (1...12).contains(month), day >= 1 else { return false }
            let leap = year % 400 == 0 || (year % 4 == 0 && year % 100 != 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            return day <= days
        }
        return valid(value(0, 4), value(4, 2), value(6, 2)) || valid(value(4, 4), value(2, 2), value(0, 2))
            || valid(value(4, 4), value(0, 2), value(2, 2))
    }

    /// (position, value, isLegacy, isDate) of every candidate, in order of position.
    static func tokens(_ name: String) -> [(position: Int, value: String, legacy: Bool, date: Bool)] {
        let chars = Array(name)
        func bounded(_ start: Int, _ end: Int) -> Bool {
            (start == 0 || !isAlphanumeric(chars[start - 1])) && (end == chars.count || !isAlphanumeric(chars[end]))
        }
        var found: [(position: Int, value: String, legacy: Bool, date: Bool)] = []
        for start in chars.indices {
            if start + 8 <= chars.count, chars[start..<(start + 8)].allSatisfy(isHex), bounded(start, start + 8) {
                let value = String(chars[start..<(start + 8)]).lowercased()
                found.append((start, value, false, isDate(value)))
            }
            if start + 13 <= chars.count, chars[start..<(start + 6)].allSatisfy(isHex), chars[start + 6] == "-",
                chars[(start + 7)..<(start + 13)].allSatisfy(isHex), bounded(start, start + 13)
            {
                found.append((start + 7, String(chars[(start + 7)..<(start + 13)]).lowercased(), true, false))
            }
        }
        return found.sorted { $0.position < $1.position }
    }

    func suggest(adName: String, accountBrandIds: Set<String>, rejected: Set<String>) -> [MatchSuggestion] {
        let all = Self.tokens(adName)
        let ordered = all.filter { !$0.date } + all.filter(\.date)
        for token in ordered {
            let remaining = creatives.filter { creative in
                !rejected.contains(creative.id)
                    && (token.legacy ? creative.id.hasPrefix(token.value) : creative.shortId == token.value)
            }
            if token.legacy && remaining.count != 1 { continue }
            if remaining.isEmpty { continue }
            if remaining.count > 1 {
                return remaining.sorted { $0.id < $1.id }.map {
                    MatchSuggestion(generatedAdId: $0.id, shortId: $0.shortId, kind: .ambiguous)
                }
            }
            let creative = remaining[0]
            let same = accountBrandIds.contains { $0.lowercased() == creative.brandId.lowercased() }
            return [
                MatchSuggestion(
                    generatedAdId: creative.id, shortId: creative.shortId, kind: same ? .exact : .crossBrand)
            ]
        }
        guard let first = ordered.first else { return [] }
        return [MatchSuggestion(generatedAdId: nil, shortId: first.value, kind: .unknownId)]
    }
}
