import Foundation
import TestSupport

/// What every scenario gets: the options, a root scratch directory, and a log for progress lines.
struct Campaign {
    let options: CampaignOptions
    let root: URL

    /// A fresh workspace for scenario `name`.
    func workspace(_ name: String) throws -> Workspace {
        try Workspace(root: root, name: name, adledger: options.adledger)
    }

    /// A fresh workspace for scenario `name` whose runs also get `environment` (a stand-in's URL and token).
    func workspace(_ name: String, environment: [String: String]) throws -> Workspace {
        let ws = try workspace(name)
        ws.environment.merge(environment) { $1 }
        return ws
    }

    /// A seeded generator for scenario `name`.
    func random(_ name: String) -> SeededGenerator { SeededGenerator.forScenario(name, seed: options.seed) }

    /// Progress on stderr (only with --verbose), so the table on stdout stays clean.
    func log(_ text: @autoclosure () -> String) {
        guard options.verbose else { return }
        FileHandle.standardError.write(Data("[reliability] \(text())\n".utf8))
    }

    /// Finishes a scenario: the secret scan over its workspace, then cleanup.
    func close(_ workspace: Workspace, _ result: inout ScenarioResult) {
        result.failures += SecretScan.scan(workspace)
        workspace.finish(keep: options.keep || !result.passed)
    }

    /// Removes a ledger and its -wal/-shm/-journal files.
    static func removeLedger(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
