/// Where a stream of text goes: a closure the caller passed, or a buffered file descriptor.
struct OutputChannel {
    /// Hands one piece of text on.
    let write: (String) -> Void
    /// Hands one piece of UTF-8 text on, as bytes valid only during the call (whole characters).
    let writeBytes: (UnsafeRawBufferPointer) -> Void
    /// Pushes buffered text out (before a prompt, a pager, or exit).
    let flush: () -> Void

    /// A channel over a caller's closure; nothing to flush.
    init(_ write: @escaping (String) -> Void) {
        self.write = write
        self.writeBytes = { write(String(decoding: $0, as: UTF8.self)) }
        self.flush = {}
    }

    /// A channel over a buffered writer.
    init(_ writer: FileDescriptorWriter) {
        self.write = writer.write
        self.writeBytes = writer.write(bytes:)
        self.flush = writer.flush
    }
}
