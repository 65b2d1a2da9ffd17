import Foundation

/// Per-account results written by worker threads.
final class OutcomeBox: @unchecked Sendable {
    // @unchecked: `storage` is only touched while holding `lock`.
    private let lock = NSLock()
    private var storage: [AccountOutcome?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: AccountOutcome) {
        lock.lock()
        storage[index] = outcome
        lock.unlock()
    }

    var values: [AccountOutcome?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
