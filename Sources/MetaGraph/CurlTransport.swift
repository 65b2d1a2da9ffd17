import CCurl
import Foundation
import JSON

/// The live transport: one libcurl easy handle, reused for every request so connections are kept
/// alive. TLS verifies peers against the system CA store; responses may be gzip-compressed.
///
/// The access token is added here — as the `access_token` query item of a GET or form field of a
/// POST — and nowhere else; a `paging.next` URL is sent exactly as given, since it already carries it.
/// Not thread-safe: one transport per client per thread.
public final class CurlTransport: GraphTransport {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let buffer = CurlResponseBuffer()
    private let requestHeaders: UnsafeMutablePointer<curl_slist>?
    private let baseURL: String
    private let token: String

    /// Opens an easy handle configured from `configuration` (timeouts, TLS, compression).
    ///
    /// - Throws: `GraphError.missingToken` when the configuration has no token;
    ///   `GraphError.network` when libcurl cannot be initialized.
    public init(configuration: GraphConfiguration) throws(GraphError) {
        guard !configuration.token.isEmpty else { throw .missingToken }
        try CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw .network(curlCode: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed")
        }
        self.handle = handle
        self.errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        self.baseURL = configuration.baseURL
        self.token = configuration.token
        // An empty "Expect:" stops curl from waiting for "100 Continue" before sending a larger form body.
        self.requestHeaders = curl_slist_append(curl_slist_append(nil, "Expect:"), "Accept: application/json")
        try configure(configuration)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(requestHeaders)
        errorBuffer.deallocate()
    }

    private func configure(_ configuration: GraphConfiguration) throws(GraphError) {
        let userData = Unmanaged.passUnretained(buffer).toOpaque()
        try check(adl_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        try check(adl_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")
        try check(adl_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        try check(adl_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0), "FOLLOWLOCATION")
        try check(adl_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1), "SSL_VERIFYPEER")
        try check(adl_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2), "SSL_VERIFYHOST")
        try check(adl_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        try check(adl_curl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1), "TCP_KEEPALIVE")
        try check(adl_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, requestHeaders), "HTTPHEADER")
        try check(adl_curl_setopt_string(handle, CURLOPT_USERAGENT, "adledger-metagraph/1"), "USERAGENT")
        try check(
            adl_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(configuration.connectTimeout)),
            "CONNECTTIMEOUT_MS")
        try check(
            adl_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(configuration.requestTimeout)), "TIMEOUT_MS")
        try check(
            adl_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, max(1, configuration.lowSpeedLimit)),
            "LOW_SPEED_LIMIT")
        try check(
            adl_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, max(1, Int(configuration.lowSpeedTime.rounded(.up)))),
            "LOW_SPEED_TIME")
        try check(
            adl_curl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, user in
                guard let data, let user else { return 0 }
                let length = size * count
                let target = Unmanaged<CurlResponseBuffer>.fromOpaque(user).takeUnretainedValue()
                data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                    target.body.append(bytes, count: length)
                }
                return length
            }, "WRITEFUNCTION")
        try check(adl_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, userData), "WRITEDATA")
        try check(
            adl_curl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, user in
                guard let data, let user else { return 0 }
                let length = size * count
                let target = Unmanaged<CurlResponseBuffer>.fromOpaque(user).takeUnretainedValue()
                let line = data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                    String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
                }
                target.addHeaderLine(line)
                return length
            }, "HEADERFUNCTION")
        try check(adl_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, userData), "HEADERDATA")
    }

    /// Sends `request` over the reused connection.
    ///
    /// - Throws: `GraphError.network` with the curl code when no complete HTTP response arrived
    ///   (timeout, reset, truncated body, refused connection, …); its message is redacted.
    public func send(_ request: GraphRequest) throws(GraphError) -> GraphResponse {
        let url: String
        let tokens =
            (request.inspectsToken ? [GraphParameter("input_token", token)] : [])
            + [GraphParameter("access_token", token)]
        switch (request.pagingURL, request.method) {
        case (let pagingURL?, _):
            url = pagingURL  // exactly as Meta gave it: it already carries the token
            try check(adl_curl_setopt_long(handle, CURLOPT_HTTPGET, 1), "HTTPGET")
        case (nil, .get):
            let query = GraphParameter.encode(request.parameters + tokens)
            url = baseURL + request.path + "?" + query
            try check(adl_curl_setopt_long(handle, CURLOPT_HTTPGET, 1), "HTTPGET")
        case (nil, .post):
            let form = GraphParameter.encode(request.parameters + tokens)
            url = baseURL + request.path
            try check(adl_curl_setopt_long(handle, CURLOPT_POST, 1), "POST")
            try check(adl_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, form.utf8.count), "POSTFIELDSIZE")
            try check(adl_curl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, form), "COPYPOSTFIELDS")
        }
        try check(adl_curl_setopt_string(handle, CURLOPT_URL, url), "URL")
        buffer.reset()
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            throw .network(curlCode: Int(code.rawValue), message: scrub(message))
        }
        var status = 0
        try check(adl_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status), "RESPONSE_CODE")
        return GraphResponse(status: status, headers: buffer.headers, body: buffer.body)
    }

    /// Removes the token (as a parameter and as bare text) from a message.
    private func scrub(_ text: String) -> String {
        redact(text).replacingUTF8(token, with: "<redacted>")
    }

    private func check(_ code: CURLcode, _ option: String) throws(GraphError) {
        guard code == CURLE_OK else {
            throw .network(
                curlCode: Int(code.rawValue),
                message: "cannot set CURLOPT_\(option): \(String(cString: curl_easy_strerror(code)))")
        }
    }

    private func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }
}

@available(*, unavailable)
extension CurlTransport: Sendable {}
