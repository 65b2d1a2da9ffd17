import TestSupport
import Matching
import Testing

/// Generated creatives and ad names, checked against invariants and against `ReferenceMatcher`.
private struct Generator {
    var random: SplitMix64
    var creatives: [CreativeRef] = []

    static let brands = ["WP", "XY", "zz", "Ünï"]
    static let separators = [" ", "_", "-", "|", ".", "/", " - ", "·", "—", "(", ")", "[", "]", "\t", "\r\n", "→", "🎉"]
    static let words = ["Summer", "sale", "VID", "SQ", "9x16", "v2", "é", "日本", "٣", "copy", "Ωmega", "zz", "x", ""]

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        for index in 0..<200 {
            var id = random.uuid()
            if index % 20 == 0, let previous = creatives.last {
                // Share a short id or a legacy prefix with an earlier creative now and then.
                let keep = index % 40 == 0 ? 8 : 6
                id = String(previous.id.prefix(keep)) + String(id.dropFirst(keep))
            }
            if index % 50 == 1 { id = "20251218" + String(id.dropFirst(8)) }
            creatives.append(CreativeRef(id: id, brandId: random.pick(Self.brands)))
        }
    }

    /// `text` with each letter upper-cased at random.
    mutating func randomCase(_ text: String) -> String {
        String(text.map { random.chance(50) ? Character($0.uppercased()) : $0 })
    }

    /// A random piece of an ad name.
    mutating func piece() -> String {
        switch random.next() % 10 {
        case 0: return randomCase(random.pick(creatives).shortId)
        case 1: return randomCase(random.hex(Int(random.next() % 12) + 1))
        case 2: return random.pick(["20251218", "18122025", "12182025", "20240229", "19991231"])
        case 3: return randomCase(random.pick(creatives).id)
        case 4: return "\(random.hex(6))-\(randomCase(String(random.pick(creatives).id.prefix(6))))"
        case 5: return random.hex(6) + "-" + random.hex(6)
        default: return random.pick(Self.words)
        }
    }

    /// A random ad name: pieces joined by random separators, sometimes glued without one.
    mutating func name() -> String {
        var name = ""
        for index in 0..<Int(random.next() % 6) {
            if index > 0 && !random.chance(15) { name += random.pick(Self.separators) }
            name += piece()
        }
        return name
    }

    /// A noise piece that can never be a candidate token.
    mutating func noise() -> String {
        random.pick(Self.words + ["zzzzzzzz", "1234567", "abcdefg", "g1234567", "0x12", "ñandú", "12345"])
    }
}

/// True when `token` occurs in `name`, any case, with no letter or number of any script on either side.
private func occursBounded(_ token: String, in name: String) -> Bool {
    let chars = Array(name)
    let target = Array(token)
    guard chars.count >= target.count else { return false }
    for start in 0...(chars.count - target.count) {
        let window = chars[start..<(start + target.count)].map { Character($0.lowercased()) }
        guard window == target else { continue }
        let before = start == 0 || !(chars[start - 1].isLetter || chars[start - 1].isNumber)
        let end = start + target.count
        let after = end == chars.count || !(chars[end].isLetter || chars[end].isNumber)
        if before && after { return true }
    }
    return false
}

@Test(arguments: [1, 2, 3, 42, 2025] as [UInt64])
func generatedNamesAgreeWithTheReferenceAndTheInvariants(seed: UInt64) {
    var generator = Generator(seed: seed)
    let suggester = MatchSuggester(creatives: generator.creatives)
    let reference = ReferenceMatcher(creatives: generator.creatives)
    let byId = Dictionary(generator.creatives.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    for _ in 0..<2_000 {
        let name = generator.name()
        let brands: Set<String> = generator.random.chance(20) ? [] : [generator.random.pick(Generator.brands)]
        let rejected: Set<String> = generator.random.chance(20) ? [generator.random.pick(generator.creatives).id] : []
        let rows = suggester.suggest(adName: name, accountBrandIds: brands, rejected: rejected)
        #expect(rows == reference.suggest(adName: name, accountBrandIds: brands, rejected: rejected), "\(name)")
        for row in rows {
            guard let id = row.generatedAdId else {
                #expect(rows.count == 1 && row.kind == .unknownId)
                #expect(occursBounded(row.shortId, in: name), "\(name)")
                continue
            }
            #expect(!rejected.contains(id))
            let creative = byId[id]
            #expect(creative?.shortId == row.shortId)
            #expect(
                occursBounded(row.shortId, in: name) || occursBounded(String(id.prefix(6)), in: name), "\(name)")
        }
        #expect(rows.filter { $0.kind == .ambiguous }.count != 1)
    }
}

@Test(arguments: [7, 8, 9] as [UInt64])
func aNameBuiltAroundARegisteredIdYieldsThatCreative(seed: UInt64) {
    var generator = Generator(seed: seed)
    let suggester = MatchSuggester(creatives: generator.creatives)
    for _ in 0..<2_000 {
        let creative = generator.random.pick(generator.creatives)
        var name = ""
        for _ in 0..<Int(generator.random.next() % 3) {
            name += generator.noise() + generator.random.pick(Generator.separators)
        }
        name += generator.random.chance(30) ? generator.randomCase(creative.id) : generator.randomCase(creative.shortId)
        for _ in 0..<Int(generator.random.next() % 3) {
            name += generator.random.pick(Generator.separators) + generator.noise()
        }
        let rows = suggester.suggest(adName: name, accountBrandIds: [creative.brandId])
        #expect(rows.contains { $0.generatedAdId == creative.id }, "\(name)")
        if rows.count == 1 { #expect(rows.first?.kind == .exact, "\(name)") }
    }
}
