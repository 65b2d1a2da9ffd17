import CSQLite

/// A growable run of bytes written through a pointer: where `Statement.gatherRow` puts rows (a `RowBatch`'s, or a
/// digest's one row at a time), without `Array.append`'s per-call checks.
///
/// `@unchecked Sendable`: a batch is filled on one thread and then handed to another, which alone reads it; nothing
/// touches it from two threads at once.
final class RowBytes: @unchecked Sendable {
    private var start: UnsafeMutableRawPointer
    private var capacity: Int
    /// How many bytes it holds.
    private(set) var count = 0

    init(capacity: Int = 4_096) {
        self.capacity = max(capacity, 64)
        start = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 8)
    }

    deinit { start.deallocate() }

    /// The bytes held, valid until the next write.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }

    /// Forgets the bytes, keeping the storage.
    func removeAll() { count = 0 }

    /// Appends a value's bytes.
    @inline(__always)
    func put<T: BitwiseCopyable>(_ value: T) {
        let size = MemoryLayout<T>.size
        if count + size > capacity { grow(toHold: count + size) }
        start.storeBytes(of: value, toByteOffset: count, as: T.self)
        count += size
    }

    /// Appends a text's or blob's length (an `Int`), then its bytes (none when there is no pointer).
    @inline(__always)
    func put(_ start: UnsafeRawPointer?, count: Int) {
        put(count)
        guard count > 0, let start else { return }
        put(start, length: count)
    }

    /// Appends `length` bytes from `source`.
    @inline(__always)
    private func put(_ source: UnsafeRawPointer, length: Int) {
        if count + length > capacity { grow(toHold: count + length) }
        (start + count).copyMemory(from: source, byteCount: length)
        count += length
    }

    private func grow(toHold needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutableRawPointer.allocate(byteCount: larger, alignment: 8)
        moved.copyMemory(from: start, byteCount: count)
        start.deallocate()
        start = moved
        capacity = larger
    }
}

extension RowBytes {
    /// Appends `value` as `Statement.gatherRow` gathers a column that holds it.
    func put(_ value: SQLValue) {
        switch value {
        case .null:
            put(SQLITE_NULL)
        case .integer(let integer):
            put(SQLITE_INTEGER)
            put(integer)
        case .real(let real):
            put(SQLITE_FLOAT)
            put(real.bitPattern)
        case .text(var text):
            put(SQLITE_TEXT)
            text.withUTF8 { put($0.baseAddress, count: $0.count) }
        case .blob(let blob):
            put(SQLITE_BLOB)
            blob.withUnsafeBytes { put($0.baseAddress, count: $0.count) }
        }
    }
}
