/// Rows gathered from a statement (`Statement.gatherRow`) to be read on another thread (`GatheredRow`), each with
/// its key's bucket (`KeyBucket`).
struct RowBatch: Sendable {
    private let bytes = RowBytes(capacity: 256 * 1_024)
    private var ends: [Int] = []
    private var buckets: [Int32] = []

    /// How many rows it holds.
    var count: Int { ends.count }

    /// Adds the statement's current row: its columns at `columns`, and the bucket of its columns at `keys`.
    mutating func append(_ statement: Statement, columns: [Int32], keys: [Int32]) {
        statement.gatherRow(columns: columns, into: bytes)
        ends.append(bytes.count)
        buckets.append(Int32(KeyBucket.bucket(of: statement.handle, columns: keys)))
    }

    /// Calls `body` with each row's bytes and bucket, in order.
    func forEach(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        let all = bytes.bytes
        var start = 0
        for (end, bucket) in zip(ends, buckets) {
            body(UnsafeRawBufferPointer(rebasing: all[start..<end]), Int(bucket))
            start = end
        }
    }
}
