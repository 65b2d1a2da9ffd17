/// Where a stream of text goes: a closure the caller passed, or a buffered file descriptor.
struct OutputChannel {
    /// Hands one piece of text on.
    let write: (String) -> Void
    /// Pushes buffered text out (before a prompt, a pager, or exit).
    let flush: () -> Void

    /// A channel over a caller's closure; nothing to flush.
    init(_ write: @escaping (String) -> Void) {
        self.write = write
        self.flush = {}
    }

    /// A channel over a buffered writer.
    init(_ writer: FileDescriptorWriter) {
        self.write = writer.write
        self.flush = writer.flush
    }
}
