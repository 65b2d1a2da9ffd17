/// A digest of a table's rows in any order: how many, and the sum (mod 2^64) of each row's hash by Swift's `Hasher`
/// (SipHash, seeded at random per process, so two digests can only be compared within one process) over its values
/// and their storage classes. A sum does not depend on the order the rows are read in, so each side is read as it is
/// stored, with no index and no sort. The same sums are kept per bucket of the rows' keys (`KeyBucket`): where two
/// digests differ, only the rows of the buckets that differ need comparing.
///
/// Equal digests of a live table and its fresh build mean the same rows, short of a 64-bit collision, which an input
/// cannot be made to aim at without the process's seed. Unequal digests prove nothing: an integer and a REAL of the
/// same value are equal to the comparison but digest differently, so a difference is always confirmed by
/// `ProjectionMerge`, which also names it.
struct TableDigest: Sendable, Equatable {
    let rows: Int
    let value: UInt64
    /// The sum of the row hashes in each key bucket.
    let buckets: [UInt64]

    /// The buckets whose sums differ from `other`'s, in order. A row on one side only, or changed, makes its bucket
    /// differ (short of a 64-bit collision); rows in the other buckets are the same on both sides.
    func buckets(differingFrom other: TableDigest) -> [Int] {
        buckets.indices.filter { buckets[$0] != other.buckets[$0] }
    }
}
