import Foundation
import MetaGraph

extension SyncRunner {
    /// A warning when Meta's `debug_token` says the sync's token expires within ``TokenExpiry/warningWindow``.
    /// One request, no retries; nil when nothing to say, when replaying, or when the check itself fails (it
    /// never stops a sync).
    func tokenExpiryWarning(_ request: SyncRequest) -> String? {
        if case .replay = request.source { return nil }
        var graph = request.graph
        graph.maxRetries = 0
        graph.maxThrottleRetries = 0
        guard let transport = try? CurlTransport(configuration: graph) else { return nil }
        let client = GraphClient(configuration: graph, transport: transport, clock: VirtualClock())
        guard let expiry = try? client.fetchTokenExpiry() else { return nil }
        return TokenExpiry.warning(expiresAt: expiry, now: now())
    }
}
