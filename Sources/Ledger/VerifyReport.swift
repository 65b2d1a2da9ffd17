/// What `verify` found. `--format json` prints it with the snake_case keys of `CodingKeys`.
public struct VerifyReport: Sendable, Encodable {
    public let events: Int64
    public let payloads: Int64
    /// Problems in the order found; empty when the ledger is sound.
    public let problems: [String]

    public var ok: Bool { problems.isEmpty }

    enum CodingKeys: String, CodingKey {
        case ok, events, payloads, problems
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(events, forKey: .events)
        try container.encode(payloads, forKey: .payloads)
        try container.encode(problems, forKey: .problems)
    }
}
