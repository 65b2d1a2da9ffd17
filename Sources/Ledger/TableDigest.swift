/// A digest of a table's rows in any order: how many, and the sum (mod 2^64) of each row's hash by Swift's `Hasher`
/// (SipHash, seeded at random per process, so two digests can only be compared within one process) over its values
/// and their storage classes. A sum does not depend on the order the rows are read in, so each side is read as it is
/// stored, with no index and no sort.
///
/// Equal digests of a live table and its fresh build mean the same rows, short of a 64-bit collision, which an input
/// cannot be made to aim at without the process's seed. Unequal digests prove nothing: an integer and a REAL of the
/// same value are equal to the comparison but digest differently, so a difference is always confirmed by
/// `ProjectionMerge`, which also names it.
struct TableDigest: Sendable, Equatable {
    let rows: Int
    let value: UInt64
}
