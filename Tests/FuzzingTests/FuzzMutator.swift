import TestSupport

/// Seeded mutations of valid inputs, in the manner of libFuzzer's: byte changes, syntax and
/// extreme-number fragments spliced in, ranges deleted or repeated, two seeds crossed.
struct FuzzMutator {
    /// Fragments that steer the JSON, CSV and name readers, and values no double or `Decimal` holds.
    static let fragments: [[UInt8]] =
        [
            "{", "}", "[", "]", "\"", "\\", ",", ":", "\n", "\r\n", "\r", "\"\"", "null", "true", "1e400", "-1e-400",
            "NaN", "Infinity", "-0", "-0.0", "0e999", "1234567890123456789012345678901234567890", "1.5e127", "9e-129",
            "\"\\ud800\"", "\"\\u0000\"", "\\u", "\\uD83D\\uDE00", "\"2025-02-30\"", "act_", "-", ".", "_", "deadbeef",
            "DEADBEEF-", "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6", "a1b2c3", "20251218", "\u{301}", "\u{200D}",
            "\u{202E}", "🙂", "日本", "\u{0}", " ", "\t",
        ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF]]

    var random: SplitMix64
    let seeds: [[UInt8]]

    init(seed: UInt64, seeds: [[UInt8]]) {
        random = SplitMix64(seed: seed)
        self.seeds = seeds
    }

    /// A new input: a seed with one to four mutations.
    mutating func next() -> [UInt8] {
        var bytes = seeds[index(seeds.count)]
        for _ in 0...index(4) { mutate(&bytes) }
        return bytes
    }

    private mutating func index(_ count: Int) -> Int { count == 0 ? 0 : Int(random.next() % UInt64(count)) }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let position = index(bytes.count + 1)
        switch random.next() % 6 {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next())
        case 1:
            bytes.insert(contentsOf: Self.fragments[index(Self.fragments.count)], at: position)
        case 2:
            let end = min(bytes.count, position + 1 + index(16))
            bytes.removeSubrange(position..<end)
        case 3:
            let end = min(bytes.count, position + 1 + index(64))
            let piece = bytes[position..<end]
            for _ in 0...index(8) { bytes.insert(contentsOf: piece, at: position) }
        case 4:
            let other = seeds[index(seeds.count)]
            bytes = Array(bytes[..<position]) + other[index(other.count + 1)...]
        default:
            // Swap two bytes: reorders syntax without adding any.
            guard bytes.count > 1 else { return }
            bytes.swapAt(min(position, bytes.count - 1), index(bytes.count))
        }
    }
}
