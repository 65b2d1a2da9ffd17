import Dispatch

/// Rows read in batches, each batch mapped on every core while the one before it is consumed in order: the shape
/// of verify's chain and payload walks, which report what a one-after-another walk would.
struct BatchPipeline<Row: Sendable, Output: Sendable> {
    let batchSize: Int
    let label: String
    /// Each output's value until its batch is mapped.
    let placeholder: Output
    /// Maps a run of consecutive rows to their outputs, in order.
    let transform: @Sendable (ArraySlice<Row>) -> [Output]

    /// `read` gives the next row, or nil at the end, after which it is not called again (a statement stepped past
    /// its last row starts over). `consume` gets every row with its output in order (moved out of the batch: no
    /// copy) and returns false to stop.
    func run(
        read: () throws(LedgerError) -> Row?, consume: (Row, Output) throws(LedgerError) -> Bool
    ) throws(LedgerError) {
        let queue = DispatchQueue(label: label, qos: .userInitiated)
        let transform = self.transform
        var pending: (batch: ConcurrentBatch<Row, Output>, group: DispatchGroup)?
        var exhausted = false
        while true {
            var rows: [Row] = []
            rows.reserveCapacity(batchSize)
            while !exhausted, rows.count < batchSize {
                guard let row = try read() else {
                    exhausted = true
                    break
                }
                rows.append(row)
            }
            var next: (batch: ConcurrentBatch<Row, Output>, group: DispatchGroup)?
            if !rows.isEmpty {
                let batch = ConcurrentBatch(rows, placeholder: placeholder)
                let group = DispatchGroup()
                queue.async(group: group) { batch.run(transform) }
                next = (batch, group)
            }
            if let pending {
                pending.group.wait()
                for (index, row) in pending.batch.inputs.enumerated()
                where try !consume(row, pending.batch.take(index)) {
                    next?.group.wait()
                    return
                }
            }
            guard let next else { return }
            pending = next
        }
    }
}
