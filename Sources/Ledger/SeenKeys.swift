import CSQLite

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

    /// Records the key at `keys` of `statement`'s current row; false when it was met before.
    mutating func insert(_ statement: Statement, keys: [Int]) -> Bool {
        if unique { return true }
        if keys.count == 1, let number = Self.wholeNumber(statement, at: Int32(keys[0])) {
            let word = Int(number >> 6)
            if word >= bits.count { bits += [UInt64](repeating: 0, count: max(word + 1 - bits.count, bits.count)) }
            let bit = UInt64(1) << (number & 63)
            if bits[word] & bit != 0 { return false }
            bits[word] |= bit
            return true
        }
        var hash = KeyBucket.Hash()
        for index in keys { hash.feed(sqlite3_column_value(statement.handle, Int32(index))) }
        return hashes.insert(hash.value).inserted
    }

    /// The keys the bitmap holds: 0 up to this.
    private static let limit: Int64 = 1 << 27

    /// The column's value when it is a whole number below `limit` (an integer, or a REAL that `IS` finds equal to
    /// one), else nil.
    private static func wholeNumber(_ statement: Statement, at index: Int32) -> UInt64? {
        let value: Double
        switch sqlite3_column_type(statement.handle, index) {
        case SQLITE_INTEGER:
            let integer = sqlite3_column_int64(statement.handle, index)
            return (0..<Self.limit).contains(integer) ? UInt64(integer) : nil
        case SQLITE_FLOAT:
            value = sqlite3_column_double(statement.handle, index)
        default:
            return nil
        }
        guard value >= 0, value < Double(Self.limit), value.rounded(.towardZero) == value else { return nil }
        return UInt64(value)
    }
}
