import Foundation

/// The process environment, read only here in the CLI (library code never reads it).
enum Environment {
    /// The variable's value; nil when unset or empty.
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
