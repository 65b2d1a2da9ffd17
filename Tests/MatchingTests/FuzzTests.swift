import TestSupport
import Matching
import Testing

/// Random bytes drawn mostly from the characters that steer the CSV and JSON readers.
private func randomFile(_ random: inout SplitMix64) -> [UInt8] {
    let alphabet = Array("\",\n\r{}[]:\\u \t0aF-xé".utf8) + [0xFF, 0xC3, 0x00, 0xEF, 0xBB, 0xBF]
    let header = random.chance(50) ? Array("id,brand,filename\n".utf8) : []
    let id = Array("d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6".utf8)
    var bytes = header
    for _ in 0..<Int(random.next() % 200) {
        bytes += random.chance(5) ? id : [random.pick(alphabet)]
    }
    return bytes
}

@Test(arguments: [11, 12, 13] as [UInt64])
func randomFilesNeverCrashAndKeepLinesInRange(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    for _ in 0..<3_000 {
        let bytes = randomFile(&random)
        let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let list = CreativeFileReader.read(bytes)
        for error in list.errors {
            #expect((1...lines).contains(error.line))
            let spansLines = error.description.contains(where: \.isNewline)
            #expect(!spansLines)
        }
        for record in list.records {
            #expect(CreativeID.normalized(record.id) == record.id)
            #expect(record.shortId == String(record.id.prefix(8)))
            #expect((1...lines).contains(record.line))
        }
        #expect(Set(list.records.map(\.id)).count == list.records.count)
        #expect(list.errors.map(\.line) == list.errors.map(\.line).sorted())
    }
}

@Test(arguments: [21, 22] as [UInt64])
func randomScalarsNeverCrashTheTokenizer(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let suggester = MatchSuggester(creatives: [CreativeRef(id: "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6", brandId: "WP")])
    for _ in 0..<3_000 {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int(random.next() % 40) {
            let pool: [UInt32] = [0x2D, 0x30, 0x61, 0x64, 0x301, 0x200D, 0x0D, 0x0A, 0x1F389, 0x65E5, 0xFF44]
            let value = random.chance(60) ? random.pick(pool) : UInt32(random.next() % 0x11_0000)
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        if random.chance(50) {
            scalars.append(contentsOf: "d4e5f6a7".unicodeScalars)
        }
        let name = String(scalars)
        let tokens = AdNameTokens.extract(from: name)
        #expect(tokens.allSatisfy { (0..<name.count).contains($0.offset) })
        #expect(tokens.map(\.offset) == tokens.map(\.offset).sorted())
        // Whatever the name, a suggestion names the one creative or is an unknown id taken from the name.
        for suggestion in suggester.suggest(adName: name, accountBrandIds: ["WP"]) {
            if let id = suggestion.generatedAdId {
                #expect(id == "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6" && id.hasPrefix(suggestion.shortId), "\(name)")
            } else {
                #expect(suggestion.kind == .unknownId && [6, 8].contains(suggestion.shortId.count), "\(name)")
            }
        }
    }
}
