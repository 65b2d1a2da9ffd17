import CZlib
import Foundation

/// An export's output: a file written under a hidden partial name beside its final path and renamed into
/// place only after it is flushed and `fsync`ed (so no reader ever sees half a file, and a file that exists is
/// complete), or standard output. Plain text or gzip (zlib's `gzdopen`).
///
/// Non-Sendable: it owns a file descriptor and zlib's stream state.
package final class ExportFile {
    /// The final path; nil for standard output.
    package let path: String?
    /// Bytes handed to ``write(_:)-([UInt8])``, before compression.
    package private(set) var bytesWritten: Int64 = 0
    private let partialPath: String?
    private var descriptor: Int32
    private var gzip: gzFile?
    private var buffer: [UInt8] = []
    private var finished = false
    private static let bufferSize = 1 << 18

    /// Opens `path` for writing (its partial file, until ``commit()``), or standard output when nil.
    package init(path: String?, gzip: Bool) throws(LedgerError) {
        self.path = path
        if let path {
            let partial = Self.partialPath(for: path)
            let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .cannotWrite(path: path, code: errno) }
            self.descriptor = descriptor
            partialPath = partial
        } else {
            descriptor = STDOUT_FILENO
            partialPath = nil
        }
        if gzip {
            // zlib closes the descriptor it is given, so it gets its own copy; ours is fsynced after.
            let copy = dup(descriptor)
            guard copy >= 0, let stream = gzdopen(copy, "wb") else {
                let code = errno
                if copy >= 0 { close(copy) }
                discard()
                throw .cannotWrite(path: path ?? "standard output", code: code)
            }
            self.gzip = stream
        }
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { discard() }

    /// The hidden file a final `path` is written under until it is complete: `.NAME.partial` beside it.
    package static func partialPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial").path
    }

    /// Appends bytes (buffered).
    package func write(_ bytes: [UInt8]) throws(LedgerError) {
        buffer.append(contentsOf: bytes)
        bytesWritten += Int64(bytes.count)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Appends text as UTF-8 (buffered).
    package func write(_ text: String) throws(LedgerError) {
        buffer.append(contentsOf: text.utf8)
        bytesWritten += Int64(text.utf8.count)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    /// Writes out what is buffered, finishes the gzip stream, and for a file: `fsync`s it, renames it into
    /// place and `fsync`s its folder, so the file is durable once this returns.
    package func commit() throws(LedgerError) {
        try flush()
        let name = path ?? "standard output"
        if let stream = gzip {
            gzip = nil
            guard gzclose(stream) == Z_OK else { throw .cannotWrite(path: name, code: errno == 0 ? EIO : errno) }
        }
        guard let path, let partialPath else {
            finished = true
            return
        }
        guard fsync(descriptor) == 0 else { throw .cannotWrite(path: path, code: errno) }
        close(descriptor)
        descriptor = -1
        guard rename(partialPath, path) == 0 else { throw .cannotWrite(path: path, code: errno) }
        finished = true
        try Self.syncFolder(of: path)
    }

    /// `fsync`s the folder holding `path`, so a rename into it survives a power cut.
    package static func syncFolder(of path: String) throws(LedgerError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotWrite(path: folder, code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .cannotWrite(path: folder, code: errno) }
    }

    private func flush() throws(LedgerError) {
        guard !buffer.isEmpty else { return }
        let name = path ?? "standard output"
        let written = buffer.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            if let gzip { return gzwrite(gzip, base, UInt32(raw.count)) == Int32(raw.count) }
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(descriptor, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        guard written else { throw .cannotWrite(path: name, code: errno == 0 ? EIO : errno) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Drops an unfinished file: closes it and removes its partial name (nothing was renamed into place).
    private func discard() {
        guard !finished else { return }
        finished = true
        if let stream = gzip { gzclose(stream) }
        gzip = nil
        if let partialPath, descriptor >= 0 {
            close(descriptor)
            unlink(partialPath)
        }
    }
}

@available(*, unavailable)
extension ExportFile: Sendable {}
