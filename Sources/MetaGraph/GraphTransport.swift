/// Sends one `GraphRequest` and returns its response: live over libcurl (`CurlTransport`), recorded
/// (`CassetteRecorder`) or replayed (`CassettePlayer`).
///
/// A transport throws only when no HTTP response was obtained (`GraphError.network`, a cassette
/// problem); HTTP error statuses come back as responses for the client to classify. Transports are not
/// shared across threads: each `GraphClient` owns one.
public protocol GraphTransport {
    /// Sends `request` and returns the response, or throws when there is none.
    func send(_ request: GraphRequest) throws(GraphError) -> GraphResponse
}
