import Foundation
import TestSupport
enum Concurrency {
    static func runTwoSyncs(_ campaign: Campaign) throws -> ScenarioResult { ScenarioResult(name: "todo", seed: 0) }
    static func runReaders(_ campaign: Campaign) throws -> ScenarioResult { ScenarioResult(name: "todo", seed: 0) }
}
