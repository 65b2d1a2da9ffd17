/// The kinds of event the ledger records (DESIGN §2).
public enum EventKind: String, Sendable, CaseIterable {
    case accountFetched = "account.fetched"
    case brandAccountLinked = "brand.account_linked"
    case brandAccountUnlinked = "brand.account_unlinked"
    case creativeRegistered = "creative.registered"
    case insightFetched = "insight.fetched"
    case insightVanished = "insight.vanished"
    case campaignFetched = "campaign.fetched"
    case mappingLinked = "mapping.linked"
    case mappingUnlinked = "mapping.unlinked"
    case mappingRejected = "mapping.rejected"
    case syncStarted = "sync.started"
    case syncFinished = "sync.finished"
}
