import Dispatch
import Synchronization

/// What verify's replay of the log confirms of the log itself on its way, so that the log's own checks (`LogCheck`)
/// walk only what it did not: the replay reads every event with its payload anyway, and its workers decompress every
/// insight's payload, so they hash the chain fields and the canonical bytes beside the normalizing.
///
/// The replay only confirms; it names nothing. An event is confirmed when `ChainWalk` would pass it, in seq order
/// from the genesis, and the first it would not pass ends the confirming: the walk then starts from that event and
/// names the problem as it always did. A payload is confirmed when its canonical bytes hash to its stored hash;
/// `PayloadWalk` checks every other payload (those of other events, those no event reached, those that fail) in id
/// order, as before. So verify reports what it reported when the walks read the whole log themselves.
final class LogAudit: Sendable {
    /// What the replay confirmed.
    struct Confirmed: Sendable {
        /// Events 1 through `seq` chain from the genesis; `hash` is the hash stored on event `seq`.
        var seq: Int64 = 0
        var hash: ChainHash? = .genesis
        /// Payloads (by row id) whose canonical bytes hash to their stored hash.
        var payloads = PayloadIdSet()
        /// Whether an event was met that the chain walk would not pass: nothing after it is confirmed.
        var chainStopped = false
    }

    private let state = Mutex((confirmed: Confirmed(), finished: false))
    private let finished = DispatchSemaphore(value: 0)

    /// Confirms what one batch of the replay shows, in seq order; the batch's work must be done.
    func take(_ batch: LogBatch.Audit) {
        state.withLock { state in
            guard !state.finished else { return }
            for index in batch.chain.inputs.indices where !state.confirmed.chainStopped {
                let row = batch.chain.inputs[index]
                if row.seq == state.confirmed.seq + 1 && row.isIntact(recomputed: batch.chain[index]) {
                    state.confirmed.seq = row.seq
                    state.confirmed.hash = row.hash
                } else {
                    state.confirmed.chainStopped = true
                }
            }
            for (slot, id) in batch.payloadIds.enumerated() where batch.payloadsMatch[slot] {
                state.confirmed.payloads.insert(id)
            }
        }
    }

    /// Ends the confirming (the replay is done, or stopped); later calls do nothing.
    func finish() {
        let first = state.withLock { state -> Bool in
            defer { state.finished = true }
            return !state.finished
        }
        if first { finished.signal() }
    }

    /// What was confirmed, once `finish()` was called.
    func wait() -> Confirmed {
        finished.wait()
        finished.signal()
        return state.withLock { $0.confirmed }
    }
}
