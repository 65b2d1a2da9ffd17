import Foundation
import TestSupport

/// The command line: `adledger-reliability [--mode short|full] [--seed N] [--only NAME[,NAME…]] [--adledger PATH] [--keep]`.
struct CampaignOptions {
    enum Mode: String {
        case short
        case full
    }

    var mode = Mode.short
    var seed: UInt64 = 20_251_208
    var only: Set<String> = []
    var adledger: URL
    var keep = false
    var verbose = false

    static let usage =
        "usage: adledger-reliability [--mode short|full] [--seed N] [--only SCENARIO,…] [--adledger PATH] [--keep] [--verbose]"

    init(arguments: [String]) throws(CampaignError) {
        adledger = Self.besideThisExecutable()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            func value() throws(CampaignError) -> String {
                guard let next = rest.popFirst() else { throw .usage("\(argument) needs a value") }
                return next
            }
            switch argument {
            case "--mode":
                let text = try value()
                guard let mode = Mode(rawValue: text) else { throw .usage("--mode is short or full, not \(text)") }
                self.mode = mode
            case "--seed":
                let text = try value()
                guard let seed = UInt64(text) else { throw .usage("--seed takes a non-negative integer, not \(text)") }
                self.seed = seed
            case "--only": only = Set(try value().split(separator: ",").map(String.init))
            case "--adledger": adledger = URL(fileURLWithPath: try value())
            case "--keep": keep = true
            case "--verbose": verbose = true
            case "-h", "--help": throw .usage("")
            default: throw .usage("unknown argument \(argument)")
            }
        }
    }

    /// `adledger` in the same build directory as this program.
    static func besideThisExecutable() -> URL {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("adledger")
    }

    /// Trials for a scenario: `short` in short mode, `full` in full mode.
    func trials(short: Int, full: Int) -> Int { mode == .short ? short : full }
}
