import CSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// SQL's `ORDER BY` order of values with the BINARY collation, in the pieces a comparison in place needs
/// (`Statement.order(at:against:)`, `GatheredRow.order(at:against:)`).
enum SQLOrder {
    /// A storage class's rank: NULL, then numbers, text, blobs.
    static func rank(_ type: Int32) -> Int {
        switch type {
        case SQLITE_NULL: 0
        case SQLITE_INTEGER, SQLITE_FLOAT: 1
        case SQLITE_TEXT: 2
        default: 3
        }
    }

    /// Two numbers: negative, 0 or positive.
    static func order(_ x: Double, _ y: Double) -> Int { x == y ? 0 : (x < y ? -1 : 1) }

    /// Two integers: negative, 0 or positive.
    static func order(_ x: Int64, _ y: Int64) -> Int { x == y ? 0 : (x < y ? -1 : 1) }

    /// `m` bytes at `p` against `n` at `q`, in `memcmp`'s order, the shorter first when one begins the other.
    static func order(_ p: UnsafeRawPointer?, _ m: Int, _ q: UnsafeRawPointer?, _ n: Int) -> Int {
        let common = min(m, n)
        if common > 0, let p, let q {
            let order = memcmp(p, q, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return m == n ? 0 : (m < n ? -1 : 1)
    }
}
