import ArgumentParser
import Shell

/// `--format table|csv|json|markdown` of the commands that print rows (DESIGN §8); `line` is the shell's only.
extension ResultFormat: ExpressibleByArgument {
    public init?(argument: String) {
        guard let format = Self(rawValue: argument), format != .line else { return nil }
        self = format
    }

    public static var allValueStrings: [String] { allCases.filter { $0 != .line }.map(\.rawValue) }
}
