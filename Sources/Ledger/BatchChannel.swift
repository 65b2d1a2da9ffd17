import Dispatch
import Synchronization

/// A bounded hand-off of values from one producing thread to one consuming thread: `send` blocks while `capacity`
/// values wait, `receive` blocks until one is there. `close()` (the consumer giving up) empties it and makes every
/// later `send` return false at once, so a producer blocked on a full channel wakes up and stops.
final class BatchChannel<Element: Sendable>: Sendable {
    private struct State: ~Copyable {
        var items: [Element] = []
        var closed = false
    }

    private let state = Mutex(State())
    /// Free places (sends that may proceed) and waiting values (receives that may proceed).
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        free = DispatchSemaphore(value: capacity)
    }

    /// Queues `element` once there is room; false when the channel was closed (the element is dropped).
    func send(_ element: sending Element) -> Bool {
        free.wait()
        let queued = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.items.append(element)
            return true
        }
        if queued {
            filled.signal()
        } else {
            // Leave the room for the next sender, which finds the channel closed too.
            free.signal()
        }
        return queued
    }

    /// The oldest queued element, waiting for one; nil once the channel is closed.
    func receive() -> Element? {
        filled.wait()
        let element = state.withLock { state -> Element? in
            state.closed || state.items.isEmpty ? nil : state.items.removeFirst()
        }
        free.signal()
        return element
    }

    /// Stops the hand-off: drops what is queued and wakes a producer waiting for room.
    func close() {
        let dropped = state.withLock { state -> Int in
            state.closed = true
            let count = state.items.count
            state.items.removeAll()
            return count
        }
        // Every dropped element held a place; give them back so a blocked `send` returns.
        for _ in 0..<max(dropped, 1) { free.signal() }
    }
}
