/// Loopback ports for tests.
public enum LoopbackPort {
    /// A port on 127.0.0.1 that nothing listens on: a server is bound to learn a free one, then closed without
    /// accepting anything, so connecting to it is refused at once (curl 7).
    public static func closed() throws -> Int {
        let server = try StandInServer { _ in StandInHTTPResponse(status: 503, headers: [], body: "") }
        defer { server.stop() }
        return server.port
    }
}
