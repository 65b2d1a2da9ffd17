/// The keys a walk in stored order (`ProjectionMerge`) has met, to tell when one comes again: then its rows must be
/// paired as a walk in key order pairs them.
///
/// A key of one whole number below 2²⁷ (a history's seq) is a bit in a bitmap: a million versions take 128 KiB, and
/// it never passes 16 MiB. Any other key is its 64-bit `KeyBucket` hash in a set, so two keys that collide count as
/// a repeat, which only sends the comparison to the walk in key order.
struct SeenKeys {
    /// The schema holds every key once: nothing is recorded.
    private let unique: Bool
    private var bits: [UInt64] = []
    private var hashes: Set<UInt64> = []

    init(unique: Bool) { self.unique = unique }

    /// Records the key at `keys` of `row`; false when it was met before.
    mutating func insert(_ row: some ColumnReader, keys: [Int]) -> Bool {
        if unique { return true }
        if keys.count == 1, let number = Self.wholeNumber(row, at: keys[0]) {
            let word = Int(number >> 6)
            if word >= bits.count { bits += [UInt64](repeating: 0, count: max(word + 1 - bits.count, bits.count)) }
            let bit = UInt64(1) << (number & 63)
            if bits[word] & bit != 0 { return false }
            bits[word] |= bit
            return true
        }
        var hash = KeyBucket.Hash()
        for index in keys { hash.feed(row, at: index) }
        return hashes.insert(hash.value).inserted
    }

    /// The keys the bitmap holds: 0 up to this.
    private static let limit: Int64 = 1 << 27

    /// The column's value when it is a whole number below `limit` (an integer, or a REAL that `IS` finds equal to
    /// one), else nil.
    private static func wholeNumber(_ row: some ColumnReader, at index: Int) -> UInt64? {
        let value: Double
        switch row.columnType(at: index) {
        case .integer:
            let integer = row.int64(at: index)
            return (0..<Self.limit).contains(integer) ? UInt64(integer) : nil
        case .real:
            value = row.double(at: index)
        default:
            return nil
        }
        guard value >= 0, value < Double(Self.limit), value.rounded(.towardZero) == value else { return nil }
        return UInt64(value)
    }
}
