import CCurl

/// `curl_global_init` runs exactly once per process, on first use (a `static let` is initialized once,
/// thread-safely), before any easy handle is created.
enum CurlGlobal {
    /// The result of the one `curl_global_init(CURL_GLOBAL_DEFAULT)` call.
    static let initialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// Runs `curl_global_init` if it has not run; throws if it failed.
    static func ensureInitialized() throws(GraphError) {
        let code = initialization
        guard code == CURLE_OK else {
            throw .network(curlCode: Int(code.rawValue), message: "curl_global_init failed")
        }
    }
}
