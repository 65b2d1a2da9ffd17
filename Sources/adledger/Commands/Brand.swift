import ArgumentParser
import Foundation
import Ledger
import Shell

extension Adledger {
    struct Brand: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link brands to Meta ad accounts.", subcommands: [Link.self, Unlink.self, List.self])
    }
}

extension Adledger.Brand {
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link BRAND to ad account ACCOUNT (act_<digits>).")
        @OptionGroup var global: GlobalOptions
        @Argument var brand: String
        @Argument var account: String
        @Option(help: "The account's name.") var name: String?
        @Flag(help: "Link as a secondary account (default: the brand's primary account).") var secondary = false

        func run() throws {
            let link = try global.open(readOnly: false).linkBrand(
                brand, account: account, name: name, primary: !secondary)
            print("linked \(link.brandId) → \(link.accountId)\(link.isPrimary ? " (primary)" : " (secondary)")")
        }
    }

    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove the link between BRAND and ACCOUNT.")
        @OptionGroup var global: GlobalOptions
        @Argument var brand: String
        @Argument var account: String

        func run() throws {
            try global.open(readOnly: false).unlinkBrand(brand, account: account)
            print("unlinked \(brand) → \(account)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List brand-to-account links.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv, json or markdown.") var format: ResultFormat = .table

        func run() throws {
            Printer.rows(try global.open(readOnly: true).brands(), format: format)
        }
    }
}
