import Foundation
import TestSupport

/// The token and `access_token` appear in no file a scenario left behind and in nothing any run printed.
enum SecretScan {
    static let needles = [Workspace.token, "access_token"].map { Array($0.utf8) }

    /// Failure messages, one per file or output holding a secret.
    static func scan(_ workspace: Workspace, extraOutputs: [String] = []) -> [String] {
        var found: [String] = []
        let root = workspace.directory
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        for file in files {
            let path = root.appendingPathComponent(file).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            if let needle = hit(data) { found.append("secret \(needle) found in file \(file)") }
            // Payloads may be compressed: search their canonical JSON too (a ledger too damaged to query is skipped).
            if file.hasSuffix(".sqlite"), let seqs = try? workspace.query(path, payloadSQL), !seqs.isEmpty {
                found.append("secret found in the payload of event \(seqs[0]) in \(file)")
            }
        }
        for (index, output) in (workspace.outputs.flatMap { [$0.stdout, $0.stderr] } + extraOutputs).enumerated() {
            if let needle = hit(Data(output.utf8)) { found.append("secret \(needle) found in captured output #\(index)") }
        }
        return found
    }

    /// Events whose payload holds a needle; each needle is split in two so the SQL text (which an error message may
    /// echo) never holds one itself.
    static let payloadSQL: String = {
        let tests = [Workspace.token, "access_token"].map { needle in
            let half = needle.index(needle.startIndex, offsetBy: needle.count / 2)
            return "instr(adledger_payload(seq), '\(needle[..<half])' || '\(needle[half...])') > 0"
        }
        return "SELECT seq FROM events WHERE \(tests.joined(separator: " OR "))"
    }()

    /// Which needle `data` contains, if any.
    static func hit(_ data: Data) -> String? {
        for needle in needles where contains(data, needle) {
            return needle.count > 20 ? "token" : "access_token"
        }
        return nil
    }

    static func contains(_ data: Data, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, data.count >= needle.count else { return false }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                guard let base = bytes.baseAddress,
                    let found = memchr(base + index, Int32(first), last - index + 1)
                else { return false }
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, needle, needle.count) == 0 { return true }
                index = position + 1
            }
            return false
        }
    }
}
