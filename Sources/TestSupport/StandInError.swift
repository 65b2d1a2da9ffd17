/// Why the stand-in could not start.
public enum StandInError: Error, CustomStringConvertible, Sendable {
    /// A socket call failed with `errno`.
    case socket(String, Int32)

    /// One line: which call failed and its errno.
    public var description: String {
        switch self {
        case .socket(let call, let code): "stand-in \(call) failed with errno \(code)"
        }
    }
}
