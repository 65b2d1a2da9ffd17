/// One flag per slot of a batch, each set by the one task that handles its slot (as `ConcurrentBatch` writes its
/// outputs) and read once the batch is done.
///
/// `@unchecked Sendable`: each slot is written by exactly one task, and read only after the tasks' `DispatchGroup`
/// was waited on, which orders the writes before the reads.
final class SlotFlags: @unchecked Sendable {
    private let flags: UnsafeMutableBufferPointer<Bool>

    /// `count` flags, all false.
    init(count: Int) {
        flags = .allocate(capacity: count)
        flags.initialize(repeating: false)
    }

    deinit { flags.deallocate() }

    subscript(slot: Int) -> Bool {
        get { flags[slot] }
        set { flags[slot] = newValue }
    }
}
