import Foundation
import Fuzzing

/// The checked-in seed inputs and kept findings of each fuzz target (`Fuzz/corpus/<target>/`,
/// `Fuzz/regressions/<target>/`), plus the demo fixtures.
enum FuzzCorpus {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func files(in folder: String) -> [URL] {
        let url = root.appending(path: folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { url.appending(path: $0) }
    }

    static func seeds(for target: FuzzTarget) -> [[UInt8]] {
        var urls = files(in: "Fuzz/corpus/\(target.rawValue)")
        switch target {
        case .json: urls += files(in: "Fuzz/corpus/normalize")
        case .normalize: urls += files(in: "Fuzz/corpus/json")
        case .canonical: urls += files(in: "Fuzz/corpus/normalize")
        case .creatives, .names: break
        }
        return urls.compactMap { try? Array(Data(contentsOf: $0)) }
    }

    static func regressions(for target: FuzzTarget) -> [(name: String, bytes: [UInt8])] {
        files(in: "Fuzz/regressions/\(target.rawValue)").compactMap { url in
            (try? Data(contentsOf: url)).map { (url.lastPathComponent, Array($0)) }
        }
    }

    /// The input as Swift source, to paste into a regression file or a test.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.prefix(600).map { byte in
            (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\") ? String(UnicodeScalar(byte)) : "\\x\(String(byte, radix: 16))"
        }.joined()
    }
}
