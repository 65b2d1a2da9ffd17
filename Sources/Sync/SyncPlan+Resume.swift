import JSON
import Ledger

extension SyncPlan {
    /// The plan for an account: the latest plan of the same command when it is unfinished (some chunk not
    /// completed since it started) and within Meta's retention, extended to `range.until` when that moved on;
    /// else a new plan over `range`. Returns the plan and its chunks already done: those whose every day a
    /// chunk completed after the plan started covers (a chunk fetched as halves counts once both are).
    static func choose(
        range: SyncRange, asked: JSONValue, timeZone: String?, accountId: String, chunkDays: Int, floor: String,
        ledger: Ledger
    ) throws -> (plan: SyncPlan, done: Set<SyncChunk>) {
        let fresh = SyncPlan(
            asked: asked, since: range.since, until: range.until, timeZone: timeZone,
            chunks: range.chunks(accountId: accountId, days: chunkDays))
        guard let (seq, json) = try ledger.latestPlan(accountId: accountId),
            var earlier = SyncPlan(json: json, accountId: accountId),
            earlier.asked.canonicalText == asked.canonicalText,
            earlier.since >= floor
        else { return (fresh, []) }
        let origin = earlier.origin ?? seq
        let completed = try ledger.completedChunks(accountId: accountId, after: origin)
        let done = Set(earlier.chunks.filter { isCovered($0, by: completed) })
        guard done.count < Set(earlier.chunks).count else { return (fresh, []) }
        if range.until > earlier.until {
            earlier.chunks += SyncRange(since: DayMath.adding(1, to: earlier.until), until: range.until)
                .chunks(accountId: accountId, days: chunkDays)
            earlier.until = range.until
        }
        earlier.origin = origin
        earlier.resumedRun = json["run_id"]?.stringValue
        return (earlier, done)
    }

    /// Whether the days of `chunk` are all inside chunks of `completed`.
    static func isCovered(_ chunk: SyncChunk, by completed: Set<SyncChunk>) -> Bool {
        var next = chunk.since
        for part in completed.sorted(by: { $0.since < $1.since }) where part.since <= next && part.until >= next {
            next = DayMath.adding(1, to: part.until)
            if next > chunk.until { return true }
        }
        return false
    }

    /// Reads a recorded `sync.planned` payload; nil when it is not one.
    init?(json: JSONValue, accountId: String) {
        guard let since = json["since"]?.stringValue, let until = json["until"]?.stringValue,
            let pairs = json["chunks"]?.arrayValue, let asked = json["asked"]
        else { return nil }
        var chunks: [SyncChunk] = []
        for pair in pairs {
            guard let ends = pair.arrayValue, ends.count == 2, let first = ends[0].stringValue,
                let last = ends[1].stringValue
            else { return nil }
            chunks.append(SyncChunk(accountId: accountId, since: first, until: last))
        }
        self.init(
            asked: asked, since: since, until: until, timeZone: json["time_zone"]?.stringValue, chunks: chunks,
            origin: json["origin_seq"]?.scalarText.flatMap { Int64($0) }, resumedRun: json["resumes"]?.stringValue)
    }

    /// The `sync.planned` payload (the ledger adds the run and the account).
    var json: JSONValue {
        .object([
            ("asked", asked), ("since", .string(since)), ("until", .string(until)),
            ("time_zone", timeZone.map(JSONValue.string) ?? .null),
            ("chunks", .array(chunks.map { .array([.string($0.since), .string($0.until)]) })),
            ("origin_seq", origin.map { .number(String($0)) } ?? .null),
            ("resumes", resumedRun.map(JSONValue.string) ?? .null),
        ])
    }
}
