import Dispatch
import Foundation
import Synchronization

/// A batch of inputs mapped to outputs in tasks of consecutive inputs, one output slot per input, kept in input
/// order: on every core (``run(_:workers:)``), or on one thread with the batch's consumer taking the tasks not yet
/// started when it reaches the batch (``help(_:)``) instead of waiting for them, or some of them one at a time
/// while it waits for the batch before (``helpOne(_:)``).
///
/// `@unchecked Sendable`: each task is claimed once (under `claimed`), and its slots are written only by the task
/// that claimed it; the outputs are read only after every claimed task finished (``run(_:workers:)`` returned, or the
/// `DispatchGroup` it ran in was waited on, after the reader's own ``help(_:)`` and ``helpOne(_:)`` calls, which
/// return when their tasks are done), which orders the writes before the reads; `empty()` is called only once
/// nothing reads the batch any more, after which nothing does.
final class ConcurrentBatch<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    /// Inputs per task unless given: enough that per-task set-up (a zstd context) costs little.
    static var defaultTaskSize: Int { 512 }

    private(set) var inputs: [Input]
    private let slots: UnsafeMutableBufferPointer<Output>
    private let placeholder: Output
    private let taskSize: Int
    private let taskCount: Int
    /// How many tasks have been claimed (each by one thread, in order).
    private let claimed = Mutex(0)

    /// A batch of `inputs`, each output `placeholder` until mapped, in tasks of `taskSize` inputs.
    init(_ inputs: [Input], placeholder: Output, taskSize: Int = defaultTaskSize) {
        self.inputs = inputs
        self.placeholder = placeholder
        self.taskSize = max(1, taskSize)
        taskCount = (inputs.count + self.taskSize - 1) / self.taskSize
        slots = .allocate(capacity: inputs.count)
        slots.initialize(repeating: placeholder)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Maps every input not yet claimed with `transform`, which gets a run of consecutive inputs and returns their
    /// outputs in order, on `workers` threads (nil: one per core, up to one per task); returns when its own are done.
    func run(_ transform: @Sendable (ArraySlice<Input>) -> [Output], workers: Int? = nil) {
        let threads = min(taskCount, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        guard threads > 1 else {
            help(transform)
            return
        }
        DispatchQueue.concurrentPerform(iterations: threads) { _ in help(transform) }
    }

    /// Maps the tasks no thread has claimed yet on this thread; returns when they are done (tasks other threads
    /// claimed may still be running).
    func help(_ transform: @Sendable (ArraySlice<Input>) -> [Output]) {
        while let task = claim() { map(task, transform) }
    }

    /// Maps task `task`, claimed by this thread.
    private func map(_ task: Int, _ transform: @Sendable (ArraySlice<Input>) -> [Output]) {
        let range = task * taskSize..<min(inputs.count, (task + 1) * taskSize)
        var outputs = transform(inputs[range])
        // Swapped into the slots (a move each; assigning would copy, and the array then destroy, each output).
        outputs.withUnsafeMutableBufferPointer { source in
            for (offset, index) in zip(source.indices, range) { swap(&slots[index], &source[offset]) }
        }
    }

    /// Maps the next task no thread has claimed, on this thread; false when every task is claimed.
    func helpOne(_ transform: @Sendable (ArraySlice<Input>) -> [Output]) -> Bool {
        guard let task = claim() else { return false }
        map(task, transform)
        return true
    }

    /// The next task nobody has claimed, now this thread's; nil when all are.
    private func claim() -> Int? {
        claimed.withLock { next in
            guard next < taskCount else { return nil }
            next += 1
            return next - 1
        }
    }

    /// The output for input `index`, lent in place: a reader gets no copy to retain and release (on an ingest's
    /// writer, the thread every row waits for).
    subscript(index: Int) -> Output {
        _read { yield slots[index] }
    }

    /// Calls `body` with the inputs and their outputs, lent in place. Where a loop passes an element of each to a
    /// closure, the subscripts' accessors copied both (retaining all they hold, released after the call): on an
    /// ingest's writer, about forty reference counts a row.
    func withContents<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<Input>, UnsafeBufferPointer<Output>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try inputs.withUnsafeBufferPointer { (inputs) throws(Failure) -> Result in
            try body(inputs, UnsafeBufferPointer(slots))
        }
    }

    /// Frees the inputs and the outputs (each slot holds the placeholder again), where that costs the reader nothing.
    func empty() {
        inputs = []
        for index in slots.indices { slots[index] = placeholder }
    }
}
