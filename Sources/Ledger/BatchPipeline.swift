import Dispatch

/// Rows read in batches, each batch mapped on every core while those before it are consumed in order: the shape
/// of verify's chain and payload walks, which report what a one-after-another walk would.
struct BatchPipeline<Row: Sendable, Output: Sendable> {
    let batchSize: Int
    let label: String
    /// Each output's value until its batch is mapped.
    let placeholder: Output
    /// Maps a run of consecutive rows to their outputs, in order.
    let transform: @Sendable (ArraySlice<Row>) -> [Output]
    /// Rows per mapping task.
    var taskSize = ConcurrentBatch<Row, Output>.defaultTaskSize
    /// Whether a batch is mapped by one thread, with the consumer mapping the tasks of the batch it waits for that
    /// have not started (the consumer's thread would otherwise sleep); false: on every core.
    var consumerMaps = false
    /// Batches handed to the mapping queue by the time one is consumed, it among them: with 2, the next batch is
    /// mapped while one is consumed.
    var depth = 2

    /// `read` gives the next row, or nil at the end, after which it is not called again (a statement stepped past
    /// its last row starts over). `consume` gets every row with its output in order and returns false to stop.
    ///
    /// A consumed batch's rows and outputs are freed on the mapping queue, behind the batches handed to it: the
    /// consumer (an ingest's writer, the one thread every row waits for) only retains and releases what it reads.
    /// Freeing an ingest's rows on the writer took about 5% of its time (a `perf` profile of 200k rows).
    ///
    /// `first`: rows mapped ahead of the run (``start(_:)``), consumed before the rows
    /// `read` gives.
    func run(
        first: Started? = nil, read: () throws(LedgerError) -> Row?, consume: (Row, Output) throws(LedgerError) -> Bool
    ) throws(LedgerError) {
        let queue = DispatchQueue(label: label, qos: .userInitiated)
        var inFlight: [Started] = first.map { [$0] } ?? []
        var exhausted = false
        while true {
            while !exhausted, inFlight.count < depth {
                var rows: [Row] = []
                rows.reserveCapacity(batchSize)
                while rows.count < batchSize {
                    guard let row = try read() else {
                        exhausted = true
                        break
                    }
                    rows.append(row)
                }
                if !rows.isEmpty { inFlight.append(map(rows, on: queue)) }
            }
            guard !inFlight.isEmpty else { return }
            let pending = inFlight.removeFirst()
            if consumerMaps { help(until: pending, ahead: inFlight.first) }
            pending.group.wait()
            let spent = pending.batch
            let finished = try spent.withContents { (rows, outputs) throws(LedgerError) -> Bool in
                for index in rows.indices where try !consume(rows[index], outputs[index]) { return false }
                return true
            }
            guard finished else {
                for started in inFlight { started.group.wait() }
                return
            }
            // Nothing here touches it again; the queue runs this after the mapping of the batches after it.
            queue.async { spent.empty() }
        }
    }

    /// The consumer's mapping while it waits for `pending`: the tasks of `pending` no thread has started, then, while
    /// the last of those started elsewhere still run, one task at a time of the batch `ahead` (which the mapping
    /// queue only starts once it is done with `pending`), instead of sleeping.
    private func help(until pending: Started, ahead: Started?) {
        pending.batch.help(transform)
        while pending.group.wait(timeout: .now()) == .timedOut {
            guard let ahead, ahead.batch.helpOne(transform) else { return }
        }
    }

    /// A batch being mapped on a queue of its own, for a ``run(first:read:consume:)`` to consume first.
    struct Started: Sendable {
        let batch: ConcurrentBatch<Row, Output>
        let group: DispatchGroup
    }

    /// Starts mapping `rows` now, on a queue of its own, before the run that consumes them.
    func start(_ rows: [Row]) -> Started {
        map(rows, on: DispatchQueue(label: label, qos: .userInitiated))
    }

    /// A batch of `rows` handed to `queue` to be mapped: on one thread when the consumer maps too, else on every core.
    private func map(_ rows: [Row], on queue: DispatchQueue) -> Started {
        let batch = ConcurrentBatch(rows, placeholder: placeholder, taskSize: taskSize)
        let group = DispatchGroup()
        let (transform, workers) = (self.transform, consumerMaps ? 1 : nil)
        queue.async(group: group) { batch.run(transform, workers: workers) }
        return Started(batch: batch, group: group)
    }
}
