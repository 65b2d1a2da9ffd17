import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port: one thread accepts, one thread per
/// connection serves requests (keep-alive, GET and POST with `Content-Length` bodies).
///
/// `@unchecked Sendable`: the mutable state (`connections`, `stopping`) is guarded by `lock`; the file
/// descriptors and the handler are immutable after `init`.
final class StandInServer: @unchecked Sendable {
    /// The port the kernel assigned.
    let port: Int
    private let listener: Int32
    private let handler: @Sendable (StandInHTTPRequest) -> StandInHTTPResponse
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopping = false
    private var accepted = 0
    private let threads = DispatchGroup()

    /// Binds 127.0.0.1:0 and listens; call `start()` to accept.
    init(handler: @escaping @Sendable (StandInHTTPRequest) -> StandInHTTPResponse) throws {
        self.handler = handler
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StandInError.socket("socket", errno) }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw StandInError.socket("bind/listen", code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw StandInError.socket("getsockname", code)
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Starts the accept thread.
    func start() {
        threads.enter()
        let thread = Thread { [self] in
            acceptLoop()
            threads.leave()
        }
        thread.start()
    }

    /// Stops accepting, shuts every open connection down, joins all threads and closes the listener.
    func stop() {
        let open: Set<Int32> = lock.withLock {
            stopping = true
            return connections
        }
        for fd in open { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        threads.wait()
        close(listener)
    }

    /// How many connections were accepted (a client that keeps connections alive opens few).
    var acceptedConnections: Int { lock.withLock { accepted } }

    /// Whether `stop()` has been called.
    var isStopping: Bool { lock.withLock { stopping } }

    private func acceptLoop() {
        while !isStopping {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 50)
            guard ready > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            var yes: Int32 = 1
            _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            #if canImport(Darwin)
                _ = setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
            #endif
            let admitted: Bool = lock.withLock {
                guard !stopping else { return false }
                connections.insert(client)
                accepted += 1
                return true
            }
            guard admitted else {
                close(client)
                break
            }
            threads.enter()
            let thread = Thread { [self] in
                serve(client)
                lock.withLock { _ = connections.remove(client) }
                close(client)
                threads.leave()
            }
            thread.start()
        }
    }

    /// Serves requests on one connection until the peer closes, asks to close, or the server stops.
    private func serve(_ fd: Int32) {
        var buffer: [UInt8] = []
        while !isStopping {
            guard let request = readRequest(fd, &buffer) else { return }
            let response = handler(request)
            let keepAlive = !request.wantsClose && response.delivery == .normal
            guard write(response, to: fd, keepAlive: keepAlive), keepAlive else { return }
        }
    }

    private func readRequest(_ fd: Int32, _ buffer: inout [UInt8]) -> StandInHTTPRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = find(separator, in: buffer)
            if headerEnd == nil {
                guard receive(fd, into: &buffer) else { return nil }
            }
        }
        guard let headerEnd else { return nil }
        let headText = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headerEnd + 4
        if headers["expect"]?.lowercased() == "100-continue", buffer.count < bodyStart + length {
            _ = sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        while buffer.count < bodyStart + length {
            guard receive(fd, into: &buffer) else { return nil }
        }
        let body = String(decoding: buffer[bodyStart..<(bodyStart + length)], as: UTF8.self)
        buffer.removeFirst(bodyStart + length)

        let target = requestLine[1]
        var path = Substring(target)
        var parameters: [(String, String)] = []
        if let question = target.firstIndex(of: "?") {
            path = target[..<question]
            parameters = StandInHTTPRequest.decode(target[target.index(after: question)...])
        }
        if headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true || !body.isEmpty {
            parameters += StandInHTTPRequest.decode(Substring(body))
        }
        return StandInHTTPRequest(
            method: String(requestLine[0]), path: String(path), parameters: parameters, headers: headers)
    }

    private func receive(_ fd: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func write(_ response: StandInHTTPResponse, to fd: Int32, keepAlive: Bool) -> Bool {
        let body = Array(response.body.utf8)
        switch response.delivery {
        case .normal:
            return sendAll(fd, Array(response.head(contentLength: body.count, keepAlive: keepAlive).utf8) + body)
        case .hang(let seconds):
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline && !isStopping { usleep(20_000) }
            _ = sendAll(fd, Array(response.head(contentLength: body.count, keepAlive: false).utf8) + body)
            return false
        case .truncated:
            let head = response.head(contentLength: body.count + 512, keepAlive: false)
            _ = sendAll(fd, Array(head.utf8) + body.prefix(body.count / 2))
            return false
        case .reset:
            _ = sendAll(fd, Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".utf8))
            usleep(50_000)
            var option = linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            return false
        }
    }

    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress?.advanced(by: offset), raw.count - offset, StandInServer.noSignal)
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    #if canImport(Glibc)
        private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
        private static let noSignal: Int32 = 0
    #endif

    private func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if Array(bytes[start..<(start + pattern.count)]) == pattern { return start }
        }
        return nil
    }
}
