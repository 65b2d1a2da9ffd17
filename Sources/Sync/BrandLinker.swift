import Foundation
import JSON
import Ledger
import MetaGraph

/// Links a brand to an ad account (`brand link`): with a token, only after ``AccountCheck`` accepted it, recording
/// the account object as `account.fetched`; without one (or offline), straight away.
public struct BrandLinker: Sendable {
    /// The ledger file.
    public let ledgerPath: String
    /// The clock events are recorded at and the token's expiry is compared with.
    public let now: @Sendable () -> Date

    public init(ledgerPath: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.ledgerPath = ledgerPath
        self.now = now
    }

    /// Links `settings.brand` to `settings.account`.
    ///
    /// - Throws: `SyncError.accountRefused` (nothing linked) when Meta says the id is unknown, unreadable or the
    ///   token is bad; `GraphError` when Meta cannot be reached; `LedgerError`.
    public func link(_ settings: BrandLinkSettings) throws -> BrandLinkOutcome {
        guard let graph = try settings.graph() else {
            let link = try Ledger(path: ledgerPath, clock: now).linkBrand(
                settings.brand, account: settings.account, name: settings.name, primary: settings.primary)
            return BrandLinkOutcome(link: link, checkedWithMeta: false, currency: nil, timezoneName: nil, warnings: [])
        }
        let client = GraphClient(
            configuration: graph, transport: try CurlTransport(configuration: graph),
            clock: settings.waitsInstantly ? VirtualClock() : SystemGraphClock())
        let (accountId, object) = try AccountCheck(client: client).run(settings.account)
        let ledger = try Ledger(path: ledgerPath, clock: now)
        let link = try ledger.linkBrand(
            settings.brand, account: accountId, name: settings.name ?? object["name"]?.stringValue,
            primary: settings.primary)
        _ = try ledger.recordAccount(object, accountId: accountId)
        // The expiry is advice: a failure to read it never undoes the link.
        let expiry = try? client.fetchTokenExpiry()
        return BrandLinkOutcome(
            link: link, checkedWithMeta: true, currency: object["currency"]?.stringValue,
            timezoneName: object["timezone_name"]?.stringValue,
            warnings: [TokenExpiry.warning(expiresAt: expiry, now: now())].compactMap { $0 })
    }
}
