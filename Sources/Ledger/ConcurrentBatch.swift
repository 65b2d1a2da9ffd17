import Dispatch

/// A batch of inputs mapped to outputs on every core, one output slot per input, kept in input order.
///
/// `@unchecked Sendable`: `run(_:)` has each slot written by exactly one task, and the outputs are read only after
/// `run(_:)` returned (or the `DispatchGroup` it ran in was waited on), which orders the writes before the reads;
/// `empty()` is called only once nothing reads the batch any more, after which nothing does.
final class ConcurrentBatch<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    /// Inputs per task: enough that per-task set-up (a zstd context) costs little.
    static var inputsPerTask: Int { 512 }

    private(set) var inputs: [Input]
    private let slots: UnsafeMutableBufferPointer<Output>
    private let placeholder: Output

    /// A batch of `inputs`, each output `placeholder` until `run(_:)`.
    init(_ inputs: [Input], placeholder: Output) {
        self.inputs = inputs
        self.placeholder = placeholder
        slots = .allocate(capacity: inputs.count)
        slots.initialize(repeating: placeholder)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Maps every input with `transform`, which gets a run of consecutive inputs and returns their outputs in order;
    /// returns when all are done.
    func run(_ transform: @Sendable (ArraySlice<Input>) -> [Output]) {
        let tasks = (inputs.count + Self.inputsPerTask - 1) / Self.inputsPerTask
        DispatchQueue.concurrentPerform(iterations: tasks) { task in
            let range = task * Self.inputsPerTask..<min(inputs.count, (task + 1) * Self.inputsPerTask)
            var outputs = transform(inputs[range])
            // Swapped into the slots (a move each; assigning would copy, and the array then destroy, each output).
            outputs.withUnsafeMutableBufferPointer { source in
                for (offset, index) in zip(source.indices, range) { swap(&slots[index], &source[offset]) }
            }
        }
    }

    /// The output for input `index`.
    subscript(index: Int) -> Output { slots[index] }

    /// Frees the inputs and the outputs (each slot holds the placeholder again), where that costs the reader nothing.
    func empty() {
        inputs = []
        for index in slots.indices { slots[index] = placeholder }
    }
}
