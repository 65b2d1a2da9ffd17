import Foundation

/// A transport that serves recorded exchanges from a cassette directory, with no network.
///
/// Requests are matched by method, path and sorted parameters (the access token ignored), so a
/// token-less `paging.next` URL from a recorded body maps to the recorded request for that page.
/// Repeated identical requests (a retry after a throttle error, job polls) get their recordings in order.
/// A request with nothing left to serve throws `GraphError.cassetteMiss` naming it without the token.
public final class CassettePlayer: GraphTransport {
    private var queues: [String: [CassetteExchange]] = [:]
    /// How many exchanges have not been served yet.
    public var remaining: Int { queues.values.reduce(0) { $0 + $1.count } }

    /// Loads every `*.json` exchange in `directory`, in file-name order.
    ///
    /// - Throws: `GraphError.cassette` when the directory or a file cannot be read or decoded.
    public init(directory: URL) throws(GraphError) {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw .cassette(path: directory.path, reason: "cannot list the directory")
        }
        let decoder = JSONDecoder()
        var loaded: [CassetteExchange] = []
        for name in names {
            let file = directory.appendingPathComponent(name)
            do {
                loaded.append(try decoder.decode(CassetteExchange.self, from: Data(contentsOf: file)))
            } catch {
                throw .cassette(path: file.path, reason: "not a recorded exchange")
            }
        }
        for exchange in loaded.sorted(by: { $0.sequence < $1.sequence }) {
            queues[exchange.request.key, default: []].append(exchange)
        }
    }

    /// Serves the next recorded exchange for `request`.
    public func send(_ request: GraphRequest) throws(GraphError) -> GraphResponse {
        let key = request.key
        guard var queue = queues[key], !queue.isEmpty else {
            throw .cassetteMiss(request: redact(key))
        }
        let exchange = queue.removeFirst()
        queues[key] = queue
        if let code = exchange.curlCode {
            throw .network(curlCode: code, message: exchange.networkMessage ?? "recorded network failure")
        }
        let body: Data
        if let base64 = exchange.bodyBase64 {
            body = Data(base64Encoded: base64) ?? Data()
        } else {
            body = Data((exchange.body ?? "").utf8)
        }
        return GraphResponse(status: exchange.status ?? 0, headers: exchange.headers ?? [:], body: body)
    }
}

@available(*, unavailable)
extension CassettePlayer: Sendable {}
