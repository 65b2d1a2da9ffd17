import Foundation
@testable import Fuzzing
import Matching
import Normalization
import Testing

/// The libFuzzer targets' properties, run in every `make test` on the seed corpus, every kept
/// finding and seeded mutations (`Scripts/fuzz` runs the same properties under libFuzzer).
@Suite struct SeededFuzzTests {
    @Test(arguments: FuzzTarget.allCases)
    func everySeedHolds(target: FuzzTarget) throws {
        let seeds = FuzzCorpus.seeds(for: target)
        #expect(seeds.count >= 3, "seed corpus of \(target) is missing")
        for seed in seeds {
            #expect(throws: Never.self) { try target.check(seed) }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyKeptFindingHolds(target: FuzzTarget) {
        for finding in FuzzCorpus.regressions(for: target) {
            #expect(throws: Never.self, "\(finding.name)") { try target.check(finding.bytes) }
        }
    }

    @Test(arguments: FuzzTarget.allCases, [1, 2] as [UInt64])
    func seededMutationsHold(target: FuzzTarget, seed: UInt64) {
        var mutator = FuzzMutator(seed: seed, seeds: FuzzCorpus.seeds(for: target))
        for iteration in 0..<10_000 {
            let input = mutator.next()
            guard input.count <= FuzzTarget.maxInputBytes else { continue }
            do {
                try target.check(input)
            } catch {
                Issue.record("seed \(seed) iteration \(iteration): \(error)\ninput: \(FuzzCorpus.escaped(input))")
                return
            }
        }
    }

    /// The checks can fail: values that break a property are reported, not passed.
    @Test func aBrokenPropertyIsReported() {
        #expect(throws: FuzzFailure.self) {
            // 10^200: a value no text of Meta's reads as (its exponent is out of range), so its text does not read back.
            try JSONProperties.checkDecimal(ExactDecimal(1).scaled(byPowerOfTen: 200), from: "1e200", target: .json)
        }
        let record = CreativeRecord(
            line: 1, id: "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6", shortId: "d4e5f6a7", brand: "WP",
            filename: "a.png", concept: nil, format: nil, extra: [])
        #expect(throws: FuzzFailure.self) {
            try CreativeListProperties.checkRoundTrip(record, written: "id,brand,filename\nx,WP,a.png\n", format: "CSV")
        }
    }
}
