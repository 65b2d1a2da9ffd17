/// The digests of the live projections (`TableDigest`), read on a read-only connection and a thread of their own
/// while the caller rebuilds the projections, so that comparing a fresh build with an unchanged live table reads
/// only the fresh side on the caller's thread (`ProjectionDiff.compare`).
///
/// The live tables are read in a snapshot taken after the caller's: a rebuild holds the write lock, so it is the
/// same; verify reads, so a write committed in between can make a digest differ, and the comparison then walks both
/// tables on the caller's connection as before. The history is digested through its replaced versions' table,
/// which is what is compared when the performance tables compare equal.
final class LiveDigests {
    private let task: BackgroundTask<[String: TableDigest]>
    /// The ledger's path when a comparison may read the live rows it walks aside too (`LiveRowFeed`).
    let rowsPath: String?

    /// Starts digesting every projection of the ledger at `path`; nil when no second connection can be opened.
    /// `readsRowsAside`: the caller holds the write lock and leaves the live tables as they are until it has
    /// compared them (a rebuild), so a comparison's walk may read the live rows on a connection of its own as well.
    /// `skipping`: projections the caller compares without a digest.
    init?(path: String, readsRowsAside: Bool = false, skipping: Set<String> = []) {
        rowsPath = readsRowsAside ? path : nil
        // Whether a second connection opens at all; the thread opens its own.
        guard (try? Connection(path: path, mode: .readOnly)) != nil else { return nil }
        task = BackgroundTask(label: "adledger.live-digests", placeholder: [:]) {
            var digests: [String: TableDigest] = [:]
            // A failure leaves the digests it did not reach out: those tables are compared on the caller's side.
            try? Self.digestAll(path: path, skipping: skipping, into: &digests)
            return digests
        }
    }

    /// The digest of projection `name`'s live rows, waiting for the thread if need be; nil when it has none.
    func digest(of name: String) -> TableDigest? { task.wait()[name] }

    private static func digestAll(path: String, skipping: Set<String>, into digests: inout [String: TableDigest])
        throws(LedgerError)
    {
        let connection = try Connection(path: path, mode: .readOnly)
        try connection.readSnapshot { () throws(LedgerError) in
            for name in ProjectionTables.projections where !skipping.contains(name) {
                let merge = try ProjectionDiff.merge(
                    name, fresh: .fresh, currentVersionsEqual: true, on: connection)
                digests[name] = try merge.digest(merge.liveRows, on: connection)
            }
        }
    }
}

@available(*, unavailable)
extension LiveDigests: Sendable {}
