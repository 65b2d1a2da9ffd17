/// Removes every `access_token=…` parameter (plain or percent-encoded as `access_token%3D…`) from a URL
/// or any text that may contain one, together with its `?`/`&` separator, so that what is left is still
/// a well-formed URL.
///
/// `redact("https://h/v23.0/x?access_token=T&limit=25")` is `"https://h/v23.0/x?limit=25"`. Use it on
/// anything that might hold a request URL before it reaches an error, an event or a cassette.
public func redact(_ text: String) -> String {
    var bytes = Array(text.utf8)
    var changed = false
    var searchFrom = 0
    while let match = findTokenParameter(in: bytes, from: searchFrom) {
        changed = true
        var start = match.start
        var end = match.end
        let before: UInt8? = start > 0 ? bytes[start - 1] : nil
        let after: UInt8? = end < bytes.count ? bytes[end] : nil
        if before == UInt8(ascii: "&") {
            start -= 1  // "…&access_token=T" → "…"
        } else if before == UInt8(ascii: "?") {
            if after == UInt8(ascii: "&") {
                end += 1  // "?access_token=T&a=b" → "?a=b"
            } else {
                start -= 1  // "?access_token=T" → ""
            }
        } else if after == UInt8(ascii: "&") {
            end += 1
        }
        bytes.removeSubrange(start..<end)
        searchFrom = start
    }
    return changed ? String(decoding: bytes, as: UTF8.self) : text
}

/// The byte range of the next `access_token=value` (or `access_token%3Dvalue`) at or after `from`.
private func findTokenParameter(in bytes: [UInt8], from: Int) -> (start: Int, end: Int)? {
    let name = Array("access_token".utf8)
    var index = from
    while index + name.count <= bytes.count {
        if matchesIgnoringCase(bytes, at: index, name) {
            var valueStart = index + name.count
            var encoded = false
            if valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: "=") {
                valueStart += 1
            } else if valueStart + 3 <= bytes.count, matchesIgnoringCase(bytes, at: valueStart, Array("%3d".utf8)) {
                valueStart += 3
                encoded = true
            } else {
                index += 1
                continue
            }
            var end = valueStart
            while end < bytes.count, !endsTokenValue(bytes, at: end, encoded: encoded) { end += 1 }
            return (index, end)
        }
        index += 1
    }
    return nil
}

private func endsTokenValue(_ bytes: [UInt8], at index: Int, encoded: Bool) -> Bool {
    switch bytes[index] {
    case UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: " "), UInt8(ascii: "\n"),
        UInt8(ascii: "\r"), UInt8(ascii: "\t"), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"),
        UInt8(ascii: "#"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: "]"),
        UInt8(ascii: "}"):
        return true
    case UInt8(ascii: "%"):
        // Inside a percent-encoded URL, "%26" is the next parameter's "&".
        return encoded && index + 3 <= bytes.count && matchesIgnoringCase(bytes, at: index, Array("%26".utf8))
    default:
        return false
    }
}

private func matchesIgnoringCase(_ bytes: [UInt8], at index: Int, _ pattern: [UInt8]) -> Bool {
    guard index + pattern.count <= bytes.count else { return false }
    for offset in 0..<pattern.count {
        var byte = bytes[index + offset]
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
        if byte != pattern[offset] { return false }
    }
    return true
}
