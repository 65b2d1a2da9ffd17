/// What `verify` found. `--format json` prints it with the snake_case keys of `CodingKeys`.
public struct VerifyReport: Sendable, Encodable {
    /// True when nothing is wrong.
    public let ok: Bool
    public let events: Int64
    public let payloads: Int64
    /// Problems in the order found; empty when the ledger is sound.
    public let problems: [String]

    enum CodingKeys: String, CodingKey {
        case ok, events, payloads, problems
    }

    init(events: Int64, payloads: Int64, problems: [String]) {
        self.ok = problems.isEmpty
        self.events = events
        self.payloads = payloads
        self.problems = problems
    }
}
