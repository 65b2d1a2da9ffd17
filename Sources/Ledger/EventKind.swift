/// The kinds of event the ledger records (DESIGN §2).
public enum EventKind: String, Sendable, CaseIterable {
    case accountFetched = "account.fetched"
    case brandAccountLinked = "brand.account_linked"
    case brandAccountUnlinked = "brand.account_unlinked"
    case creativeRegistered = "creative.registered"
    case insightFetched = "insight.fetched"
    case insightVanished = "insight.vanished"
    case campaignFetched = "campaign.fetched"
    case adsetFetched = "adset.fetched"
    case adFetched = "ad.fetched"
    case adcreativeFetched = "adcreative.fetched"
    case mappingLinked = "mapping.linked"
    case mappingUnlinked = "mapping.unlinked"
    case mappingRejected = "mapping.rejected"
    case syncStarted = "sync.started"
    /// One account's plan within a sync (days and chunks), recorded once its time zone is known: what a re-run
    /// of the same command resumes.
    case syncPlanned = "sync.planned"
    /// One account's date range fully fetched within a sync: coverage (what was returned again) and the
    /// point a re-run after a crash resumes from.
    case syncChunkCompleted = "sync.chunk_completed"
    case syncFinished = "sync.finished"
}

extension EventKind {
    /// Whether this kind's payload names its stream (an insight row's ad, date and breakdown make
    /// `ad:<id>:<date>[:<part>]`), so the only events that can hold the same content are its stream's own: such a
    /// payload is found among them, not by hash (schema 16's `stream_bound`).
    var payloadNamesStream: Bool { self == .insightFetched }
}
