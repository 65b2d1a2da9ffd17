/// What `status` reports: sizes, the projections' state and the last syncs. `--format json` prints it with
/// the snake_case keys of `CodingKeys` (README "Scripting"); `lines` is the text form.
public struct LedgerStatus: Sendable, Encodable {
    /// How far one projection has applied the log.
    public struct Projection: Sendable, Encodable {
        public let table: String
        public let lastSeq: Int64
        public let normalizerVersion: Int64
        /// False when events came after the projection's last update: run `adledger rebuild`.
        public let upToDate: Bool

        enum CodingKeys: String, CodingKey {
            case table
            case lastSeq = "last_seq"
            case normalizerVersion = "normalizer_version"
            case upToDate = "up_to_date"
        }
    }

    /// One finished sync or ingest.
    public struct Sync: Sendable, Encodable {
        /// `sync` for a sync, `ingest` for an ingest of saved responses.
        public let source: String
        public let finishedAt: String
        /// `ok` or `failed`.
        public let outcome: String

        enum CodingKeys: String, CodingKey {
            case source
            case finishedAt = "finished_at"
            case outcome
        }
    }

    /// The ledger file's path.
    public let ledger: String
    public let schemaVersion: Int64
    public let events: Int64
    public let lastSeq: Int64
    /// Distinct payloads (events with equal payloads share one).
    public let payloads: Int64
    /// Events per kind.
    public let eventsByKind: [String: Int64]
    /// When the last event was recorded; nil (left out of JSON) for an empty log.
    public let lastEventAt: String?
    public let normalizerVersion: Int
    public let projections: [Projection]
    /// The last five finished syncs and ingests, newest first.
    public let syncs: [Sync]

    enum CodingKeys: String, CodingKey {
        case ledger
        case schemaVersion = "schema_version"
        case events
        case lastSeq = "last_seq"
        case payloads
        case eventsByKind = "events_by_kind"
        case lastEventAt = "last_event_at"
        case normalizerVersion = "normalizer_version"
        case projections, syncs
    }

    /// The text form: one (label, value) pair per line.
    public var lines: [(String, String)] {
        var lines: [(String, String)] = [("ledger", ledger), ("schema version", String(schemaVersion))]
        lines.append(("events", "\(events) (last seq \(lastSeq)), \(payloads) distinct payloads"))
        lines += eventsByKind.sorted { $0.key < $1.key }.map { ("  \($0.key)", String($0.value)) }
        lines.append(("last event at", lastEventAt ?? "never"))
        lines.append(("normalizer version", String(normalizerVersion)))
        for projection in projections {
            lines.append(
                (
                    "projection \(projection.table)",
                    "seq \(projection.lastSeq), normalizer v\(projection.normalizerVersion)"
                        + (projection.upToDate ? "" : " — behind the log; run `adledger rebuild`")
                ))
        }
        lines += syncs.map { ("last \($0.source)", "\($0.finishedAt) \($0.outcome)") }
        return lines
    }
}
