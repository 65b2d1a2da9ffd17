import MetaGraph

/// Collects a client's events for assertions.
final class EventLog {
    private(set) var events: [GraphEvent] = []

    func record(_ event: GraphEvent) { events.append(event) }

    var retries: [(attempt: Int, delay: Double, reason: String)] {
        events.compactMap {
            if case .retry(let attempt, let delay, let reason) = $0 { (attempt, delay, reason) } else { nil }
        }
    }

    var waits: [(seconds: Double, reason: ThrottleReason)] {
        events.compactMap { if case .throttleWait(let seconds, let reason) = $0 { (seconds, reason) } else { nil } }
    }

    var requestDescriptions: [String] {
        events.compactMap { if case .request(_, let description) = $0 { description } else { nil } }
    }
}
