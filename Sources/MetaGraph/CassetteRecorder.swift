import Foundation
import JSON

/// A transport that passes each request to another transport and writes the exchange to a directory:
/// one numbered JSON file per exchange (`0001.json`, …) with method, token-less path and query (or form),
/// status, headers and body.
///
/// Nothing written contains the access token: requests are recorded without it, `access_token=…` is removed
/// from every recorded text (so `paging.next` URLs in bodies lose it), and any extra `secrets` are
/// replaced wherever they appear. The caller still gets the untouched response, so live paging works.
public final class CassetteRecorder: GraphTransport {
    private let inner: any GraphTransport
    private let directory: URL
    private let secrets: [String]
    private var sequence: Int
    private let encoder: JSONEncoder

    /// Records exchanges of `transport` into `directory` (created if needed; numbering continues after
    /// files already there).
    ///
    /// - Parameters:
    ///   - secrets: strings that must never be written (pass the access token).
    /// - Throws: `GraphError.cassette` when the directory cannot be created or listed.
    public init(wrapping transport: any GraphTransport, directory: URL, secrets: [String] = []) throws(GraphError) {
        self.inner = transport
        self.directory = directory
        self.secrets = secrets.filter { !$0.isEmpty }
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            let existing = try manager.contentsOfDirectory(atPath: directory.path)
            sequence =
                existing.compactMap { name in
                    name.hasSuffix(".json") ? Int(name.dropLast(5)) : nil
                }.max() ?? 0
        } catch {
            throw .cassette(path: directory.path, reason: "cannot create or list the directory")
        }
        encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    }

    /// Sends through the wrapped transport, then writes the exchange (also when no response came back).
    public func send(_ request: GraphRequest) throws(GraphError) -> GraphResponse {
        sequence += 1
        let query = GraphParameter.encode(request.parameters)
        var exchange = CassetteExchange(
            sequence: sequence, method: request.method,
            url: scrub(request.method == .get && !query.isEmpty ? "\(request.path)?\(query)" : request.path),
            form: request.method == .post ? scrub(query) : nil)
        let response: GraphResponse
        do {
            response = try inner.send(request)
        } catch {
            if case .network(let code, let message) = error {
                exchange.curlCode = code
                exchange.networkMessage = scrub(message)
                try write(exchange)
            }
            throw error
        }
        exchange.status = response.status
        exchange.headers = response.headers.mapValues(scrub)
        if let text = String(data: response.body, encoding: .utf8) {
            exchange.body = scrub(text)
        } else {
            exchange.bodyBase64 = response.body.base64EncodedString()
        }
        try write(exchange)
        return response
    }

    private func scrub(_ text: String) -> String {
        var result = redact(text)
        for secret in secrets { result = result.replacingUTF8(secret, with: "<redacted>") }
        return result
    }

    private func write(_ exchange: CassetteExchange) throws(GraphError) {
        let file = directory.appendingPathComponent(String(format: "%04d.json", exchange.sequence))
        do {
            var data = try encoder.encode(exchange)
            data.append(0x0A)
            // Written beside, then renamed into place: a killed recording never leaves half an exchange
            // (Foundation's `.atomic` does the same through a temp folder it leaves behind on Linux).
            let partial = file.appendingPathExtension("partial")
            try data.write(to: partial)
            guard rename(partial.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw .cassette(path: file.path, reason: "cannot write the exchange")
        }
    }
}

@available(*, unavailable)
extension CassetteRecorder: Sendable {}
