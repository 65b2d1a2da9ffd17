import Foundation
import JSON
import Normalization
import Testing

@testable import Fuzzing

/// The rebuild's byte reader of canonical rows against the tree path (`CanonicalRowProperties`), on every real row
/// in the fixtures, on generated rows and on their near-canonical variants.
@Suite struct CanonicalRowTests {
    /// Every insight row (an object with `date_start`) in the Graph samples, the demo fetches and the seed corpora.
    static let sampleRows: [JSONValue] = {
        var rows: [JSONValue] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if value["date_start"] != nil { rows.append(value) }
                for member in members { collect(member.value) }
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        let folders = ["Fixtures/graph-samples", "Fixtures/demo", "Fuzz/corpus/normalize", "Fuzz/corpus/canonical"]
        for url in folders.flatMap(FuzzCorpus.files(in:)) where url.pathExtension == "json" {
            guard let data = try? Data(contentsOf: url), let value = try? JSONParser.parse(Array(data)) else {
                continue
            }
            collect(value)
        }
        return rows
    }()

    @Test func theByteReaderKeepsEveryActionTypeAColumnReads() {
        #expect(Normalizer.usedActionTypesAreComplete)
        #expect(Normalizer.actionListsFitTheByteReader)
    }

    @Test func everySampleRowReadsTheSameFromItsBytes() throws {
        #expect(Self.sampleRows.count >= 30, "the fixtures' insight rows are missing")
        for row in Self.sampleRows {
            let canonical = row.canonicalBytes
            #expect(
                CanonicalRowProperties.byteReader(canonical) != nil,
                "left to the tree path: \(row.canonicalText.prefix(120))")
            #expect(throws: Never.self) { try CanonicalRowProperties.check(canonical) }
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func generatedRowsReadTheSame(seed: UInt64) {
        var generator = InsightRowGenerator(seed: seed)
        var read = 0
        for iteration in 0..<1_500 {
            let row = generator.row()
            let canonical = row.canonicalBytes
            do {
                if try CanonicalRowProperties.compare(canonical, reader: CanonicalRowProperties.byteReader) {
                    read += 1
                }
                try CanonicalRowProperties.check(canonical)
            } catch {
                Issue.record("seed \(seed) row \(iteration): \(error)\nrow: \(row.canonicalText)")
                return
            }
        }
        // Only rows with the non-ASCII key are left to the tree path.
        #expect(read > 1_200)
    }

    /// Generated rows and real rows with the fuzz mutator's damage: whatever the reader takes, it reads the same.
    @Test(arguments: [1, 2] as [UInt64])
    func mutatedRowsReadTheSame(seed: UInt64) {
        var generator = InsightRowGenerator(seed: seed)
        let seeds = Self.sampleRows.map(\.canonicalBytes) + (0..<50).map { _ in generator.row().canonicalBytes }
        var mutator = FuzzMutator(seed: seed, seeds: seeds)
        for iteration in 0..<4_000 {
            let input = mutator.next()
            do {
                try CanonicalRowProperties.compare(input, reader: CanonicalRowProperties.byteReader)
            } catch {
                Issue.record("seed \(seed) iteration \(iteration): \(error)\ninput: \(FuzzCorpus.escaped(input))")
                return
            }
        }
    }

    /// The property can fail: a reader that drops a column, one that reads bytes the parser rejects, and one that
    /// leaves every row to the tree path are each caught.
    @Test func aWrongReaderIsCaught() throws {
        let row = try #require(Self.sampleRows.first { $0["spend"] != nil })
        let canonical = row.canonicalBytes
        let dropsSpend: CanonicalRowProperties.Reader = { bytes in
            var insight = CanonicalRowProperties.byteReader(bytes)
            insight?.spend = nil
            return insight
        }
        #expect(throws: FuzzFailure.self) { try CanonicalRowProperties.check(canonical, reader: dropsSpend) }
        let readsAnything: CanonicalRowProperties.Reader = { _ in NormalizedInsight() }
        #expect(throws: FuzzFailure.self) {
            try CanonicalRowProperties.check(Array(canonical.dropLast()), reader: readsAnything)
        }
        let readsNothing: CanonicalRowProperties.Reader = { _ in nil }
        #expect(throws: FuzzFailure.self) { try CanonicalRowProperties.check(canonical, reader: readsNothing) }
        // A repeated key: the parser rejects it, so the reader must not read it.
        let repeated = Array(#"{"spend":"1","spend":"2"}"#.utf8)
        #expect(CanonicalRowProperties.byteReader(repeated) == nil)
        #expect(throws: FuzzFailure.self) {
            try CanonicalRowProperties.compare(repeated, reader: { _ in NormalizedInsight() })
        }
    }
}
