import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Splits a file into lines, reading it in chunks straight into one buffer.
///
/// A saved page is often one multi-megabyte line. The buffer is sized to the file up front (up to
/// `largestReserve`), each chunk is read into it with `read(2)` (no `Data` per chunk, no copy), and a line that
/// fills the whole buffer is handed over as it is. Reading through `FileHandle` took a third of the ingest's
/// reading thread (549 of its 1,601 samples in a `perf` profile of 200k rows; 80 now), most of it faulting in
/// fresh pages for each chunk's `Data` and for the buffer's copies.
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
    /// The file's size (0 when unknown), looked up at the first read.
    private var size: Int?
    /// Bytes read so far.
    private var total = 0

    /// Bytes asked of each `read(2)` at least.
    private let chunkSize: Int
    /// The largest file whose size is reserved up front; a larger one (JSON lines) grows the buffer as it goes.
    private let largestReserve: Int

    init(handle: FileHandle, path: String, chunkSize: Int = 1 << 20, largestReserve: Int = 64 << 20) {
        self.handle = handle
        self.path = path
        self.chunkSize = max(chunkSize, 1)
        self.largestReserve = largestReserve
    }

    /// The next line (without its newline) and its 1-based number, or nil at the end.
    mutating func next() throws(GraphError) -> (Int, [UInt8])? {
        while true {
            if let newline = Self.newline(in: buffer, from: max(start, scanned)) {
                var line = takeLine(upTo: newline, resumingAt: newline + 1)
                return numbered(&line)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                var line = takeLine(upTo: buffer.count, resumingAt: buffer.count)
                return numbered(&line)
            }
            try fill()
        }
    }

    /// The bytes from `start` to `end`, the next line starting at `next`: the buffer itself when they (and the
    /// newline) are all of it (a one-line file), which leaves it empty; else a copy.
    private mutating func takeLine(upTo end: Int, resumingAt next: Int) -> [UInt8] {
        guard start == 0, next >= buffer.count else {
            let line = Array(buffer[start..<end])
            (start, scanned) = (next, next)
            return line
        }
        var line: [UInt8] = []
        swap(&line, &buffer)
        line.removeSubrange(end...)
        (start, scanned) = (0, 0)
        return line
    }

    /// Numbers a line, dropping a trailing carriage return and the first line's byte-order mark.
    private mutating func numbered(_ line: inout [UInt8]) -> (Int, [UInt8]) {
        if line.last == 0x0D { line.removeLast() }
        lineNumber += 1
        if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        return (lineNumber, line)
    }

    /// Reads the next chunk onto the end of the buffer (dropping the bytes already returned); at the end of the
    /// file, notes it.
    private mutating func fill() throws(GraphError) {
        // More is read only when no newline follows `start`: the next search begins with the new bytes.
        scanned = buffer.count - start
        if start > 0 {
            buffer.removeSubrange(..<start)
            start = 0
        }
        if size == nil {
            var status = stat()
            size = fstat(handle.fileDescriptor, &status) == 0 ? Int(status.st_size) : 0
            if let size, size > 0, size <= largestReserve { buffer.reserveCapacity(size + 1) }
        }
        let count = buffer.count
        let spare = buffer.capacity - count
        // Whatever room is left; once the whole file is in, a byte finds the end (no chunk's worth of growing).
        let readWhole = (size ?? 0) > 0 && total >= size ?? 0
        let wanted = spare >= chunkSize ? spare : (readWhole ? max(spare, 1) : chunkSize)
        buffer.append(contentsOf: repeatElement(0, count: wanted))
        var got = -1
        var failure: Int32 = 0
        repeat {
            got = buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { read(handle.fileDescriptor, $0 + count, wanted) } ?? 0
            }
            failure = got < 0 ? errno : 0
        } while failure == EINTR
        buffer.removeSubrange((count + max(got, 0))...)
        guard got >= 0 else {
            throw .savedResponse(source: path, reason: "read failed: \(String(cString: strerror(failure)))")
        }
        total += got
        if got == 0 { atEnd = true }
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
