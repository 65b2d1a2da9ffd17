import Testing

@testable import Shell

@Suite struct CompleterTests {
    static let completer = Completer(
        catalog: SchemaCatalog(
            tables: ["brand_ad_accounts", "meta_ad_accounts", "meta_ads_performance"],
            columns: [
                "brand_ad_accounts": ["brand_id", "meta_ad_account_id", "is_primary"],
                "meta_ad_accounts": ["id", "name", "timezone_name"],
                "meta_ads_performance": ["meta_ad_id", "spend", "date"],
            ]),
        parameterNames: ["ad"])

    static func words(_ word: String, before: String = "", line: String? = nil) -> [String] {
        switch completer.complete(word: word, before: before, line: line ?? before + word) {
        case .words(let words): words
        case .fileNames: ["<files>"]
        }
    }

    @Test func tablesAfterFrom() {
        #expect(Self.words("meta_ad", before: "SELECT * FROM ") == ["meta_ad_accounts", "meta_ads_performance"])
        #expect(Self.words("brand", before: "select * from x join ") == ["brand_ad_accounts"])
    }

    @Test func columnsOfNamedTablesKeywordsKeepTheTypedCase() {
        #expect(Self.words("sp", before: "SELECT ", line: "SELECT sp FROM meta_ads_performance") == ["spend"])
        #expect(Self.words("timezone", before: "SELECT ") == ["timezone_name"])
        #expect(Self.words("sel") == ["select"])
        #expect(Self.words("SEL") == ["SELECT"])
        #expect(Self.words("gro", before: "SELECT 1 ").contains("group"))
    }

    @Test func qualifiedColumnsThroughTableOrAlias() {
        #expect(Self.words("meta_ad_accounts.na") == ["meta_ad_accounts.name"])
        #expect(
            Self.words("p.sp", before: "SELECT ", line: "SELECT p.sp FROM meta_ads_performance AS p") == ["p.spend"])
        #expect(Self.words("b.is", before: "SELECT ", line: "SELECT b.is FROM brand_ad_accounts b") == ["b.is_primary"])
    }

    @Test func dotCommandsAndTheirArguments() {
        #expect(Self.words(".ti") == [".timer"])
        #expect(Self.words(".s") == [".schema", ".spark", ".status"])
        #expect(Self.words("c", before: ".mode ") == ["csv"])
        #expect(Self.words("o", before: ".headers ") == ["on", "off"])
        #expect(Self.words("brand", before: ".schema ") == ["brand_ad_accounts"])
        #expect(Self.words("insight", before: ".events ") == ["insight.fetched", "insight.vanished"])
        #expect(Self.words("", before: ".param unset ") == ["ad"])
        #expect(Self.words("s", before: ".param ") == ["set"])
        #expect(Self.words("", before: ".read ") == ["<files>"])
        #expect(Self.words("o", before: ".asof ") == ["off"])
        #expect(Self.words("x", before: ".quit ") == [])
    }

    @Test func commonPrefixIgnoresCase() {
        #expect(LineEditor.commonPrefix(["meta_ad_accounts", "meta_ads_performance"]) == "meta_ad")
        #expect(LineEditor.commonPrefix(["abc"]) == "abc")
        #expect(LineEditor.commonPrefix(["Abc", "aBd"]) == "Ab")
    }
}
