/// A set of payload row ids as bits: row ids are assigned in order from 1, so a ledger's ids are dense, and a set of a
/// million takes 125 KB. An id outside `1...PayloadIdSet.largestId` is never a member.
struct PayloadIdSet: Sendable {
    /// The largest id held (16 MB of bits); a payload with a larger id is left to be checked on its own.
    static let largestId: Int64 = 1 << 27

    private var words: [UInt64] = []

    /// Adds `id` when it is in range.
    mutating func insert(_ id: Int64) {
        guard id > 0 && id <= Self.largestId else { return }
        let word = Int(id >> 6)
        if word >= words.count { words += repeatElement(0, count: max(word + 1 - words.count, words.count)) }
        words[word] |= 1 << UInt64(id & 63)
    }

    func contains(_ id: Int64) -> Bool {
        guard id > 0 else { return false }
        let word = Int(id >> 6)
        return word < words.count && words[word] & (1 << UInt64(id & 63)) != 0
    }
}
