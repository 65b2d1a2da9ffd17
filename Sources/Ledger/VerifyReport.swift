/// What `verify` found.
public struct VerifyReport: Sendable {
    public let events: Int64
    public let payloads: Int64
    /// Problems in the order found; empty when the ledger is sound.
    public let problems: [String]

    public var ok: Bool { problems.isEmpty }
}
