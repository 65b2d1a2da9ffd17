import Matching

/// What the ad-name tokenizer, the suggester and the filename scheme promise for any text.
enum NameProperties {
    static func check(_ bytes: [UInt8]) throws(FuzzFailure) {
        let name = String(decoding: bytes, as: UTF8.self)
        let tokens = try checkTokens(in: name)
        try checkSuggestions(for: name, tokens: tokens)
        try checkFilename(name)
    }

    /// Tokens are hex runs of the right length, found literally in the name, in name order.
    static func checkTokens(in name: String) throws(FuzzFailure) -> [AdNameToken] {
        func fail(_ property: String) -> FuzzFailure { FuzzFailure(.names, property) }
        let tokens = AdNameTokens.extract(from: name)
        let characters = Array(name)
        guard tokens.map(\.offset) == tokens.map(\.offset).sorted() else { throw fail("tokens are out of name order") }
        for token in tokens {
            let length = token.kind == .shortId ? 8 : 6
            guard token.value.utf8.count == length, token.value.utf8.allSatisfy(isLowerHex) else {
                throw fail("token \(token.value) is not \(length) lower-case hex digits")
            }
            guard token.offset >= 0, token.offset + length <= characters.count,
                String(characters[token.offset..<token.offset + length]).lowercased() == token.value
            else {
                throw fail("token \(token.value) is not at character \(token.offset) of the name")
            }
            guard token.isAllDigits == token.value.utf8.allSatisfy({ $0 <= UInt8(ascii: "9") }) else {
                throw fail("token \(token.value) has the wrong all-digits flag")
            }
            guard !token.isDate || (token.isAllDigits && token.kind == .shortId) else {
                throw fail("token \(token.value) is a date but not 8 decimal digits")
            }
        }
        return tokens
    }

    /// With a creative registered for every token, suggestions obey DESIGN §5's shapes, name only
    /// registered creatives, and a rejected creative is never suggested again.
    static func checkSuggestions(for name: String, tokens: [AdNameToken]) throws(FuzzFailure) {
        func fail(_ property: String) -> FuzzFailure { FuzzFailure(.names, property) }
        // Every round rejects what the last suggested, so rounds × suggest grows with the square of the
        // tokens; a real ad name has a few, and a few dozen keep the fuzzer fast without losing a branch.
        guard tokens.count <= 24 else { return }
        var creatives: [CreativeRef] = []
        for (index, token) in tokens.enumerated() {
            let head = token.kind == .shortId ? token.value : token.value + "00"
            let tail = String(index, radix: 16)
            let id = "\(head)-0000-4000-8000-\(String(repeating: "0", count: 12 - tail.count))\(tail)"
            creatives.append(CreativeRef(id: id, brandId: index % 2 == 0 ? "B0" : "B1"))
        }
        let known = Set(creatives.map(\.id))
        let suggester = MatchSuggester(creatives: creatives)
        var rejected: Set<String> = []
        // Each round rejects what the previous one suggested, until nothing new is left.
        for _ in 0...creatives.count {
            let rows = suggester.suggest(adName: name, accountBrandIds: ["B0"], rejected: rejected)
            guard !rows.isEmpty else {
                guard tokens.isEmpty else { throw fail("a name with tokens got no suggestion row") }
                return
            }
            guard let kind = rows.first?.kind, rows.allSatisfy({ $0.kind == kind }) else {
                throw fail("one name got suggestions of different kinds")
            }
            let ids = rows.compactMap(\.generatedAdId)
            switch kind {
            case .unknownId:
                guard rows.count == 1, ids.isEmpty, tokens.contains(where: { $0.value == rows[0].shortId }) else {
                    throw fail("unknown_id is not one row without a creative, naming a token of the name")
                }
                return
            case .exact, .crossBrand:
                guard rows.count == 1, ids.count == 1 else { throw fail("\(kind) is not exactly one creative") }
            case .ambiguous:
                guard rows.count >= 2, ids.count == rows.count, ids == ids.sorted(), Set(ids).count == ids.count
                else {
                    throw fail("ambiguous is not several distinct creatives ordered by id")
                }
            }
            guard ids.allSatisfy(known.contains) else { throw fail("a suggestion names an unregistered creative") }
            guard rejected.isDisjoint(with: ids) else { throw fail("a rejected creative was suggested again") }
            // A matched row carries its creative's short id; unknown_id carries the token it stands for.
            guard rows.allSatisfy({ row in row.generatedAdId.map { row.shortId == $0.prefix(8) } ?? false }) else {
                throw fail("a suggestion's short id is not its creative's")
            }
            rejected.formUnion(ids)
        }
        throw fail("suggestions did not run out after every creative was rejected")
    }

    /// A name the current scheme parses is the name `make` builds from its parts (hex in lower case).
    static func checkFilename(_ name: String) throws(FuzzFailure) {
        guard let parsed = CreativeFilename.parse(name) else { return }
        let head: String
        switch parsed.identifier {
        case .shortId(let shortId): head = shortId
        case .legacyPrefix(let prefix): head = prefix + "00"
        }
        let made: String
        do {
            made = try CreativeFilename.make(
                id: head + "-0000-4000-8000-000000000000", brand: parsed.brand, concept: parsed.concept,
                format: parsed.format, ext: parsed.ext)
        } catch {
            throw FuzzFailure(.names, "parsed parts of \(name) are refused by make: \(error)")
        }
        if case .shortId = parsed.identifier, made != String(name.prefix(8)).lowercased() + name.dropFirst(8) {
            throw FuzzFailure(.names, "\(name) parses to parts that make \(made)")
        }
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
