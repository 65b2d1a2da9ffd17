import CSQLite

extension Statement {
    /// Runs to completion with `values`, then `more`, bound from parameter 1, like ``run(_:)``, but with each text and
    /// blob copied into the statement's own staging buffer and bound from there in place (`SQLITE_STATIC`).
    ///
    /// For the hot inserts (an ingest's performance row, event and payload): a text or blob bound the usual way is a
    /// `malloc`, a copy and a `free` inside SQLite (Debian's build has no lookaside), about twenty a row; here it is
    /// one copy into a buffer that lives as long as the statement (only a later run writes it again, and that run
    /// binds every parameter anew before it steps).
    package func run(staging values: [SQLValue], _ more: [SQLValue] = []) throws(LedgerError) {
        sqlite3_reset(handle)
        // A parameter left out keeps no binding into the buffer, which may move or be overwritten below.
        if values.count + more.count < Int(sqlite3_bind_parameter_count(handle)) { sqlite3_clear_bindings(handle) }
        var bytes = 0
        for value in values { bytes += value.stagedBytes }
        for value in more { bytes += value.stagedBytes }
        let buffer = staging.reserve(bytes)
        var offset = 0
        for (position, value) in values.enumerated() {
            try bind(value, at: Int32(position + 1), staging: buffer, offset: &offset)
        }
        for (position, value) in more.enumerated() {
            try bind(value, at: Int32(values.count + position + 1), staging: buffer, offset: &offset)
        }
        while try step() {}
    }

    /// Binds `value` at `index`: a text or blob from its copy in `buffer` at `offset` (moved past it).
    private func bind(
        _ value: SQLValue, at index: Int32, staging buffer: UnsafeMutableRawBufferPointer, offset: inout Int
    ) throws(LedgerError) {
        let start = offset
        let code: Int32
        switch value {
        case .text(let text) where !text.isEmpty:
            offset += copy(text.utf8, into: buffer, at: start)
            code = sqlite3_bind_text(
                handle, index, buffer.baseAddress.map { ($0 + start).assumingMemoryBound(to: CChar.self) },
                Int32(offset - start), nil)
        case .blob(let blob) where !blob.isEmpty:
            offset += copy(blob, into: buffer, at: start)
            code = sqlite3_bind_blob(handle, index, buffer.baseAddress.map { $0 + start }, Int32(offset - start), nil)
        default:
            // A number, a null, or an empty text or blob: nothing to copy.
            return try bind(value, at: index)
        }
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// Copies `bytes` into `buffer` at `offset`; returns how many.
    private func copy<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, into buffer: UnsafeMutableRawBufferPointer, at offset: Int
    ) -> Int {
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer[offset...])
        let copied = bytes.withContiguousStorageIfAvailable { source in
            target.copyMemory(from: UnsafeRawBufferPointer(source))
            return source.count
        }
        if let copied { return copied }
        var count = 0
        for byte in bytes {
            target[count] = byte
            count += 1
        }
        return count
    }
}

extension SQLValue {
    /// The bytes ``Statement/run(staging:_:)`` copies for this value.
    fileprivate var stagedBytes: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .blob(let blob): blob.count
        default: 0
        }
    }
}

/// A statement's staging buffer (``Statement/run(staging:_:)``): grown when a run needs more, freed with the
/// statement (after SQLite finalized it).
final class StagingBuffer {
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// The buffer, at least `bytes` long. Growing it moves it: bindings into the old one must not be stepped again.
    func reserve(_ bytes: Int) -> UnsafeMutableRawBufferPointer {
        if storage.count < bytes {
            storage.deallocate()
            storage = .allocate(byteCount: max(bytes, storage.count * 2, 256), alignment: 8)
        }
        return storage
    }

    deinit { storage.deallocate() }
}
