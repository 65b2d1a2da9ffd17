import Ledger
import Logging
import MetaGraph

/// Reads an account's ad sets, ads and ad creatives (deleted and archived included) through the Graph client's
/// paging, throttling and error handling, and records each new or changed one as an event, page by page.
struct ObjectSync {
    let client: GraphClient
    let ledger: LedgerGate
    let accountId: String
    let logger: Logger

    /// The edges read, with the kind of event each object becomes.
    static let edges: [(edge: GraphObjectEdge, kind: MetaObjectKind)] = [
        (.adsets, .adset), (.ads, .ad), (.adcreatives, .adcreative),
    ]

    /// Reads every edge; returns how many objects changed, and a warning for each edge that could not be read.
    /// Errors that would stop the insights too are thrown; others become warnings (the insights are the point of
    /// a sync), and the next edge is still read.
    func run() throws -> (changed: Int, warnings: [String]) {
        var changed = 0
        var warnings: [String] = []
        for (edge, kind) in Self.edges {
            do {
                try client.forEachObjectPage(edge, accountId: accountId) { page in
                    changed += try ledger.with { try $0.recordObjects(page.rows, of: kind, accountId: accountId) }
                }
            } catch let error as GraphError where !AccountSync.isFatal(error) {
                warnings.append("\(edge.rawValue) not read (\(error))")
                logger.warning("\(edge.rawValue) not read: \(error)", metadata: ["account": "\(accountId)"])
            }
        }
        return (changed, warnings)
    }
}
