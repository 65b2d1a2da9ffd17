import ArgumentParser
import Foundation
import Ledger
import Matching

extension Adledger {
    struct Creatives: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register generated creatives and name their files.", subcommands: [Import.self, Name.self])
    }
}

extension Adledger.Creatives {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import creatives from CSV with a header (id,brand,filename,concept,format,…) or JSON lines.")
        @OptionGroup var global: GlobalOptions
        @Argument var file: String
        @Flag(name: .customLong("skip-bad"), help: "Import the good lines and list the bad ones.") var skipBad = false

        func run() throws {
            do {
                let summary = try global.openWriter().importCreatives(file: file, skipBad: skipBad)
                for line in summary.skipped { FileHandle.standardError.write(Data("skipped \(line)\n".utf8)) }
                print(
                    "imported creatives: \(summary.new) new, \(summary.changed) changed, \(summary.unchanged) unchanged"
                        + (summary.skipped.isEmpty ? "" : ", \(summary.skipped.count) bad lines skipped"))
            } catch LedgerError.invalidLines(let source, let lines) {
                for line in lines { FileHandle.standardError.write(Data("\(source): \(line)\n".utf8)) }
                throw LedgerError.invalidLines(source: source, lines: lines)
            }
        }
    }

    struct Name: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a creative's filename: <short_id>-<BRAND>-<CONCEPT>-<FORMAT>.<ext>.")
        @Option var id: String
        @Option var brand: String
        @Option var concept: String
        @Option var format: String
        @Option var ext = "png"

        func run() throws {
            print(try CreativeFilename.make(id: id, brand: brand, concept: concept, format: format, ext: ext))
        }
    }
}
