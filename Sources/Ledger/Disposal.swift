import Dispatch

/// Frees what a hot loop is done with on a background queue: a batch's thousands of small values (strings, arrays)
/// cost their owner a release each, which the writer, the one thread an ingest waits on, need not spend.
enum Disposal {
    private static let queue = DispatchQueue(label: "adledger.disposal", qos: .utility)

    /// Releases `value` on the disposal queue (its last reference moves there).
    static func release<Value: Sendable>(_ value: consuming Value) {
        let box = Box(value)
        queue.async { box.empty() }
    }

    /// Holds the value until the queue empties it, so its last release happens there.
    private final class Box<Held: Sendable>: @unchecked Sendable {
        private var value: Held?
        init(_ value: consuming Held) { self.value = value }
        func empty() { value = nil }
    }
}
