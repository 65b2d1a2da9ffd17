import ArgumentParser
import Foundation
import Ledger
import Shell
import Sync

extension Adledger {
    struct Brand: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link brands to Meta ad accounts.", subcommands: [Link.self, Unlink.self, List.self])
    }
}

extension Adledger.Brand {
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link BRAND to ad account ACCOUNT (act_<digits>).",
            discussion: """
                With META_GRAPH_API_TOKEN set, the account is read from Meta first (name, currency, time zone) and \
                one insights row is asked for; an id the token cannot read is refused, naming why. Without a token, \
                or with --offline, the link is made without asking Meta. Also: META_GRAPH_BASE_URL, \
                META_GRAPH_API_VERSION.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument var brand: String
        @Argument var account: String
        @Option(help: "The account's name (default: the name Meta gives).") var name: String?
        @Flag(help: "Link as a secondary account (default: the brand's primary account).") var secondary = false
        @Flag(help: "Link without asking Meta, even when META_GRAPH_API_TOKEN is set.") var offline = false

        func run() throws {
            let outcome = try BrandLinker(ledgerPath: global.resolvedPath, now: try TestHooks.clock()).link(settings)
            for warning in outcome.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            if !outcome.checkedWithMeta {
                let why = offline ? "--offline" : "META_GRAPH_API_TOKEN is not set"
                let note = "note: linked without asking Meta (\(why)); the account is not checked\n"
                FileHandle.standardError.write(Data(note.utf8))
            }
            let link = outcome.link
            var line = "linked \(link.brandId) → \(link.accountId)\(link.isPrimary ? " (primary)" : " (secondary)")"
            if outcome.checkedWithMeta {
                let facts = [link.accountName, outcome.currency, outcome.timezoneName].compactMap { $0 }
                line += ": " + facts.joined(separator: ", ")
            }
            print(line)
        }

        /// The arguments, and the Graph settings read from the environment, as the library takes them.
        var settings: BrandLinkSettings {
            var settings = BrandLinkSettings(brand: brand, account: account)
            settings.name = name
            settings.primary = !secondary
            settings.offline = offline
            settings.token = Environment.value("META_GRAPH_API_TOKEN")
            settings.baseURL = Environment.value("META_GRAPH_BASE_URL")
            settings.apiVersion = Environment.value("META_GRAPH_API_VERSION")
            settings.waitsInstantly = TestHooks.waitsInstantly
            return settings
        }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the link between BRAND and ACCOUNT.")
        @OptionGroup var global: GlobalOptions
        @Argument var brand: String
        @Argument var account: String

        func run() throws {
            try global.openWriter().unlinkBrand(brand, account: account)
            print("unlinked \(brand) → \(account)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List brand-to-account links.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv, json or markdown.") var format: ResultFormat = .table

        func run() throws {
            Printer.rows(try global.openReader().brands(), format: format)
        }
    }
}
