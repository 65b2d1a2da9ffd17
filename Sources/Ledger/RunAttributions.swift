import JSON

/// The attribution setting each sync run fetched its insights under, read from the run's `sync.started`
/// context (referenced by an `insight.fetched` event's `meta.run_id`), for the `attribution` column.
final class RunAttributions {
    private let connection: Connection
    private var settings: [String: String?] = [:]
    /// The last `meta` asked about and its setting: an ingest's rows all carry the same one.
    private var last: (meta: String, setting: String?)?

    init(connection: Connection) {
        self.connection = connection
    }

    /// Remembers the setting of a `sync.started` event as it is applied, so the insights after it need no lookup.
    func record(_ event: StoredEvent) {
        guard let runId = event.payload["run_id"]?.stringValue else { return }
        settings[runId] = .some(Self.setting(of: event.payload))
        last = nil
    }

    /// The setting of the run an insight event's `meta` names; nil for a run with none (e.g. an ingest).
    func setting(meta: String?) throws(LedgerError) -> String? {
        guard let meta else { return nil }
        if let last, last.meta == meta { return last.setting }
        let setting = try setting(runId: (try? JSONParser.parse(meta))?["run_id"]?.stringValue)
        last = (meta, setting)
        return setting
    }

    /// The setting of run `runId` (the `run_id` of an insight event's `meta`); nil for none.
    func setting(runId: String?) throws(LedgerError) -> String? {
        guard let runId else { return nil }
        if let known = settings[runId] { return known }
        let statement = try connection.prepare(
            """
            SELECT \(EventLogSQL.columns)
            FROM \(EventLogSQL.from(schema: "main"))
            WHERE e.stream = ? AND e.kind_id = \(EventKind.syncStarted.id) ORDER BY e.seq LIMIT 1
            """)
        try statement.bind([.text("sync:\(runId)")])
        let setting =
            try statement.step()
            ? Self.setting(
                of: try EventReader.decode(
                    statement, decoder: try PayloadDecoder(connection: connection), path: connection.path
                ).payload) : nil
        settings[runId] = .some(setting)
        return setting
    }

    /// A run context's setting: its `attribution` text (written since normalizer 2), else its
    /// `action_attribution_windows` joined with commas (runs recorded before), else nil.
    static func setting(of context: JSONValue) -> String? {
        if let text = context["attribution"]?.stringValue { return text }
        let windows = context["action_attribution_windows"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return windows.isEmpty ? nil : windows.joined(separator: ",")
    }
}
