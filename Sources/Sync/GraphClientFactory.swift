import Foundation
import MetaGraph

/// Makes the Graph clients of one account's sync: each with its own transport (one connection), all sharing
/// the account's throttle, so a usage header or a throttling error seen by one slows them all.
struct GraphClientFactory: Sendable {
    let request: SyncRequest
    let accountId: String
    let throttle: SharedThrottle

    init(request: SyncRequest, accountId: String) {
        self.request = request
        self.accountId = accountId
        throttle = SharedThrottle(configuration: request.graph)
    }

    /// How many clients may fetch chunks at once: the request's concurrency live; one for a recording or a
    /// cassette (its exchanges are numbered and served in order).
    var workers: Int {
        guard case .live = request.source else { return 1 }
        return max(1, request.concurrency)
    }

    func make(onEvent: @escaping @Sendable (GraphEvent) -> Void) throws -> GraphClient {
        let transport: any GraphTransport
        var clock: any GraphClock = request.waitsInstantly ? VirtualClock() : SystemGraphClock()
        switch request.source {
        case .live:
            transport = try CurlTransport(configuration: request.graph)
        case .record(let directory):
            let folder = URL(fileURLWithPath: directory).appendingPathComponent(accountId)
            transport = try CassetteRecorder(
                wrapping: try CurlTransport(configuration: request.graph), directory: folder,
                secrets: [request.graph.token])
        case .replay(let directory):
            let folder = URL(fileURLWithPath: directory).appendingPathComponent(accountId)
            guard FileManager.default.fileExists(atPath: folder.path) else {
                throw GraphError.cassette(path: folder.path, reason: "no recording for \(accountId) in this cassette")
            }
            transport = try CassettePlayer(directory: folder)
            clock = VirtualClock()
        }
        return GraphClient(
            configuration: request.graph, transport: transport, clock: clock, onEvent: onEvent, throttle: throttle)
    }
}
