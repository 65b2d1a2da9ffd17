#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered text output to a file descriptor: standard output, standard error, or a file opened by
/// `.output`/`.once` (closed when released).
package final class FileDescriptorWriter {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 16

    /// Writes to `descriptor`; `owns` closes it on release.
    package init(descriptor: Int32, owns: Bool) {
        self.descriptor = descriptor
        self.ownsDescriptor = owns
        buffer.reserveCapacity(Self.flushThreshold)
    }

    /// Creates or truncates `path` for writing.
    convenience init(path: String) throws(ShellError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        self.init(descriptor: descriptor, owns: true)
    }

    deinit {
        flush()
        if ownsDescriptor { close(descriptor) }
    }

    /// Queues `text`; it is written when the buffer fills or on ``flush()``.
    package func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Queues `bytes` like ``write(_:)``; a piece larger than the buffer goes out directly, uncopied.
    package func write(bytes: UnsafeRawBufferPointer) {
        if buffer.count + bytes.count > Self.flushThreshold, bytes.count >= Self.flushThreshold {
            flush()
            writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Writes everything queued. A closed pipe or full disk drops the rest (as `sqlite3` does).
    package func flush() {
        buffer.withUnsafeBytes(writeAll)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < raw.count {
            let written = systemWrite(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
    }
}

/// `write(2)`, named apart from ``FileDescriptorWriter/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
