import Foundation
import TestSupport

/// One row of the campaign's table, filled in as a scenario runs its trials.
struct ScenarioResult {
    let name: String
    let seed: UInt64
    var trials = 0
    var failures: [String] = []
    var eventsLost = 0
    var duplicates = 0
    var notes: [String] = []

    init(name: String, seed: UInt64) {
        self.name = name
        self.seed = seed
    }

    var passed: Bool { failures.isEmpty && eventsLost == 0 && duplicates == 0 }

    /// Records a failure unless `condition` holds.
    mutating func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { failures.append(message()) }
    }
}
