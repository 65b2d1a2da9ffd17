import Foundation
import Testing

/// The systemd units in `Scripts/systemd/` parse: `systemd-analyze verify` on an instance of each template,
/// with `ExecStart` pointed at the built binary. Skipped, with the reason, where systemd-analyze is missing.
@Suite struct UnitFileTests {
    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let units = [
        "adledger-sync@.service", "adledger-sync@.timer", "adledger-verify@.service", "adledger-verify@.timer",
    ]

    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed on this machine"))
    func unitFilesParse() throws {
        let bin = try AdledgerBinary()
        let source = AdledgerBinary.repository.appendingPathComponent("Scripts/systemd")
        for unit in Self.units {
            let text = try String(contentsOf: source.appendingPathComponent(unit), encoding: .utf8)
            #expect(unit.hasSuffix(".timer") || text.contains("ExecStart=/usr/local/bin/adledger "), "\(unit)")
            _ = try bin.write(
                unit, text.replacingOccurrences(of: "/usr/local/bin/adledger", with: try AdledgerBinary.executable.path)
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.analyze))
        process.arguments = ["verify"] + Self.units.map { $0.replacingOccurrences(of: "@.", with: "@wildpines.") }
        process.currentDirectoryURL = bin.directory
        process.environment = ["SYSTEMD_LOG_COLOR": "0", "PATH": "/usr/bin:/bin"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = err
        try process.run()
        let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        // systemd-analyze only warns about unknown keys and bad values: any line naming our units is a defect.
        let ours = output.split(separator: "\n").filter { $0.contains("adledger") }
        #expect(ours.isEmpty, "\(ours.joined(separator: "\n"))")
    }
}
