import ArgumentParser
import Foundation

/// Finds the bundled `Fixtures/` folder: $ADLEDGER_FIXTURES, else walking up from the working directory
/// and from the executable (so `swift run`, `.build/debug/adledger` and an installed copy beside a
/// checkout all work).
enum FixtureLocator {
    static func directory(_ name: String) throws -> URL {
        let manager = FileManager.default
        var starts: [URL] = []
        if let explicit = Environment.value("ADLEDGER_FIXTURES") { starts.append(URL(fileURLWithPath: explicit)) }
        starts.append(URL(fileURLWithPath: manager.currentDirectoryPath))
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<8 {
                for candidate in [directory.appendingPathComponent(name), directory.appendingPathComponent("Fixtures/\(name)")] {
                    var isDirectory: ObjCBool = false
                    if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue,
                        candidate.deletingLastPathComponent().lastPathComponent == "Fixtures" || start.path == Environment.value("ADLEDGER_FIXTURES")
                    {
                        return candidate
                    }
                }
                directory.deleteLastPathComponent()
            }
        }
        throw ValidationError(
            "cannot find the bundled Fixtures/\(name) folder; run from the adledger checkout or set ADLEDGER_FIXTURES to its Fixtures folder")
    }
}
