import CReadline

/// The size of a terminal, from `ioctl(TIOCGWINSZ)`.
struct TerminalSize: Equatable {
    let columns: Int
    let rows: Int

    /// The size of the terminal on `descriptor`; nil when it is not a terminal or reports no size.
    static func of(descriptor: Int32) -> TerminalSize? {
        var columns: Int32 = 0
        var rows: Int32 = 0
        guard adl_terminal_size(descriptor, &columns, &rows) == 0, columns > 0, rows > 0 else { return nil }
        return TerminalSize(columns: Int(columns), rows: Int(rows))
    }
}
