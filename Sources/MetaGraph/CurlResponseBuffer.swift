import Foundation

/// Collects one response's headers and body from curl's callbacks (passed to them as an unretained
/// pointer; it lives in the `CurlTransport` that owns the easy handle).
final class CurlResponseBuffer {
    /// Body bytes received so far.
    var body = Data()
    /// Header lines of the final response, names lower-cased.
    var headers: [String: String] = [:]

    /// Forgets the previous response.
    func reset() {
        body = Data()
        headers = [:]
    }

    /// Takes one raw header line from curl; a status line starts a new header block (after a 100
    /// Continue or a redirect only the last block counts).
    func addHeaderLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers = [:]
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = trimmed[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return }
        headers[name] = value
    }
}
