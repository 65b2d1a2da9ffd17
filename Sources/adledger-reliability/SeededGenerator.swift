import TestSupport

/// The campaign's generator: the shared SplitMix64, one stream per scenario.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// A generator for one scenario, derived from the campaign seed and the scenario's name.
    static func forScenario(_ name: String, seed: UInt64) -> SplitMix64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return SplitMix64(seed: seed ^ hash)
    }
}
