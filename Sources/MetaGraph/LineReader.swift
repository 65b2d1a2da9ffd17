import Foundation

/// Splits a file into lines in fixed-size chunks.
struct LineReader {
    let path: String
    let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes: bytes before it are known to hold none, so a long
    /// line read in many chunks is scanned once (linear, not quadratic).
    private var scanned = 0
    private var lineNumber = 0
    private var atEnd = false

    init(handle: FileHandle, path: String) {
        self.handle = handle
        self.path = path
    }

    /// The next line (without its newline) and its 1-based number, or nil at the end.
    mutating func next() throws(GraphError) -> (Int, [UInt8])? {
        while true {
            if let newline = Self.newline(in: buffer, from: max(start, scanned)) {
                var line = Array(buffer[start..<newline])
                if line.last == 0x0D { line.removeLast() }
                start = newline + 1
                scanned = start
                lineNumber += 1
                if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
                return (lineNumber, line)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                if line.last == 0x0D { line.removeLast() }
                start = buffer.count
                lineNumber += 1
                if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
                return (lineNumber, line)
            }
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw .savedResponse(source: path, reason: "read failed: \(error.localizedDescription)")
            }
            if chunk.isEmpty { atEnd = true }
            scanned = buffer.count - start
            buffer.removeFirst(start)
            start = 0
            buffer.append(contentsOf: chunk)
        }
    }

    /// The index of the first `\n` at or after `from` (memchr: a saved page is often one multi-megabyte line).
    private static func newline(in buffer: [UInt8], from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let found = memchr(base + from, 0x0A, raw.count - from) else { return nil }
            return UnsafeRawPointer(found) - base
        }
    }
}
