import Foundation
import TestSupport
enum StorageFaults {
    static func run(_ campaign: Campaign) throws -> ScenarioResult { ScenarioResult(name: "todo", seed: 0) }
}
