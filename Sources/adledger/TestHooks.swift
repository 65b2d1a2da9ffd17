import ArgumentParser
import Foundation

/// What the end-to-end tests and the reliability campaign need from a debug build: `ADLEDGER_NOW` freezes the
/// clock events are recorded at (ISO 8601), and `ADLEDGER_INSTANT_WAITS=1` lets throttle and backoff waits
/// pass instantly. A release build compiles neither in: the shipped binary always records real time and
/// always honours Meta's waits.
enum TestHooks {
    #if DEBUG
        /// The ledger's clock: real time, or ADLEDGER_NOW frozen.
        static func clock() throws -> @Sendable () -> Date {
            guard let text = Environment.value("ADLEDGER_NOW") else { return { Date() } }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw ValidationError("ADLEDGER_NOW must be ISO 8601, e.g. 2025-12-20T10:00:00Z")
            }
            return { date }
        }

        /// Whether a sync's waits pass instantly (ADLEDGER_INSTANT_WAITS=1).
        static var waitsInstantly: Bool { Environment.value("ADLEDGER_INSTANT_WAITS") == "1" }
    #else
        /// The ledger's clock: real time.
        static func clock() throws -> @Sendable () -> Date { { Date() } }

        /// A sync always waits as Meta asks.
        static let waitsInstantly = false
    #endif
}
