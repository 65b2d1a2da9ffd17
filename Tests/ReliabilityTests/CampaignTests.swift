import Foundation
import Testing

/// The reliability campaign in short mode (kills, faults, concurrency, storage faults, hostile input):
/// every scenario must pass. The full campaign runs on demand: `adledger-reliability --mode full`.
@Suite struct CampaignTests {
    @Test(.timeLimit(.minutes(5)))
    func shortCampaignPasses() throws {
        let campaign = try BuiltBinary("adledger-reliability")
        let directory = try BuiltBinary.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try campaign.run(["--mode", "short", "--seed", "20251208"], in: directory, timeout: 420)
        #expect(!result.signaled && result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("| kill during sync"), "\(result.stdout)")
        #expect(result.stdout.contains("| kill during concurrent sync"), "\(result.stdout)")
    }
}
