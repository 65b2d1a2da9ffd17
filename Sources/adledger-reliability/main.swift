import Foundation
import TestSupport

// adledger-reliability: tries to break the `adledger` binary built beside it (kills, faults, concurrency,
// storage faults, hostile input) and prints what it tried and what survived. Exit 0 only when all passed.

let options: CampaignOptions
do {
    options = try CampaignOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
guard FileManager.default.isExecutableFile(atPath: options.adledger.path) else {
    FileHandle.standardError.write(Data("adledger not found at \(options.adledger.path); build it or pass --adledger PATH\n".utf8))
    exit(2)
}
signal(SIGPIPE, SIG_IGN)

let root = FileManager.default.temporaryDirectory.appendingPathComponent("adledger-reliability-\(getpid())")
try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
let campaign = Campaign(options: options, root: root)

let scenarios: [(key: String, run: (Campaign) throws -> ScenarioResult)] = [
    ("kill-sync", KillDuringSync.run),
    ("kill-concurrent-sync", KillDuringSync.runConcurrent),
    ("hostile-ingest", { try HostileInput.run($0, target: .ingest) }),
    ("hostile-creatives", { try HostileInput.run($0, target: .creatives) }),
    ("kill-rebuild", KillDuringRebuild.run),
    ("kill-import", KillDuringImport.run),
    ("faults", FaultCampaign.run),
    ("throttle-window", ThrottleWindow.run),
    ("concurrency", Concurrency.runTwoSyncs),
    ("readers", Concurrency.runReaders),
    ("storage", StorageFaults.run),
]

let started = Date()
var results: [ScenarioResult] = []
for scenario in scenarios where options.only.isEmpty || options.only.contains(scenario.key) {
    campaign.log("starting \(scenario.key)")
    let began = Date()
    do {
        var result = try scenario.run(campaign)
        result.notes.append("\(Int(Date().timeIntervalSince(began).rounded())) s")
        results.append(result)
    } catch {
        var result = ScenarioResult(name: scenario.key, seed: options.seed)
        result.failures.append("could not run: \(error)")
        results.append(result)
    }
    campaign.log("finished \(scenario.key): \(results.last?.passed == true ? "pass" : "FAIL")")
}
print(ResultTable.render(results, mode: options.mode, seed: options.seed, seconds: Date().timeIntervalSince(started)))
if !options.keep && results.allSatisfy(\.passed) { try? FileManager.default.removeItem(at: root) }
if !results.allSatisfy(\.passed) { print("scratch files kept under \(root.path)") }
exit(results.allSatisfy(\.passed) ? 0 : 1)
