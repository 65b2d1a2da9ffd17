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
        // Each value read where the array holds it, through a pointer: handed on as a value (`for value in values`,
        // or `values[index]` as an argument), Swift copies it out first, retaining and releasing its string (some
        // seventy times a row for the performance insert).
        var bytes = 0
        for index in values.indices { bytes += values[index].stagedBytes }
        for index in more.indices { bytes += more[index].stagedBytes }
        let buffer = staging.reserve(bytes)
        var offset = 0
        try bind(values, from: 1, staging: buffer, offset: &offset)
        try bind(more, from: Int32(values.count + 1), staging: buffer, offset: &offset)
        while try step() {}
    }

    /// Binds `values` from parameter `first` on (``bind(_:at:staging:offset:)``).
    private func bind(
        _ values: [SQLValue], from first: Int32, staging buffer: UnsafeMutableRawBufferPointer, offset: inout Int
    ) throws(LedgerError) {
        try values.withUnsafeBufferPointer { (values) throws(LedgerError) in
            guard let base = values.baseAddress else { return }
            for index in values.indices {
                try bind(base + index, at: first + Int32(index), staging: buffer, offset: &offset)
            }
        }
    }

    /// Binds the value at `value` at `index`: a text or blob from its copy in `buffer` at `offset` (moved past it).
    ///
    /// Every case is bound here, each text and blob copied from where the value holds it: handing the value on (to
    /// ``bind(_:at:)``, or a text's UTF-8 view to a generic copy) made Swift copy it first.
    private func bind(
        _ value: UnsafePointer<SQLValue>, at index: Int32, staging buffer: UnsafeMutableRawBufferPointer,
        offset: inout Int
    ) throws(LedgerError) {
        let start = offset
        let target = buffer.baseAddress.map { $0 + start }
        let code: Int32
        switch value.pointee {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let integer): code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real): code = sqlite3_bind_double(handle, index, real)
        case .text(let text):
            let count =
                text.utf8.withContiguousStorageIfAvailable { source in
                    Self.copy(UnsafeRawBufferPointer(source), to: target)
                } ?? Self.copy(Array(text.utf8), to: target)
            offset += count
            // An empty text is bound from a static "" (a NULL pointer would bind NULL).
            code =
                count == 0
                ? sqlite3_bind_text(handle, index, "", 0, nil)
                : sqlite3_bind_text(handle, index, target?.assumingMemoryBound(to: CChar.self), Int32(count), nil)
        case .blob(let blob):
            let count = blob.withUnsafeBytes { Self.copy($0, to: target) }
            offset += count
            // An empty blob is a zero-length blob (a NULL pointer would bind NULL).
            code =
                count == 0
                ? sqlite3_bind_zeroblob(handle, index, 0)
                : sqlite3_bind_blob(handle, index, target, Int32(count), nil)
        }
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// Copies `source` to `target` (room for it reserved); returns how many bytes.
    private static func copy(_ source: UnsafeRawBufferPointer, to target: UnsafeMutableRawPointer?) -> Int {
        if let base = source.baseAddress, let target, !source.isEmpty {
            target.copyMemory(from: base, byteCount: source.count)
        }
        return source.count
    }

    /// `copy(_:to:)` of an array's bytes.
    private static func copy(_ bytes: [UInt8], to target: UnsafeMutableRawPointer?) -> Int {
        bytes.withUnsafeBytes { copy($0, to: target) }
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
