import Testing

@testable import Ledger

/// `creatives import`: every bad line is named by its number, in line order, and stops the import unless
/// `skipBad`.
@Suite struct CreativeImportTests {
    static let good = "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6"

    @Test func badIdsAndFieldsAreNamedByLineAndNothingIsImported() throws {
        let ledger = try TestLedger()
        let file = try ledger.file(
            "creatives.csv",
            """
            id,brand,filename
            \(Self.good),WP,d4e5f6a7-WP-C3-SQ.png
            d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f,WP,short.png
            a1b2c3d4-1b2c-4d3e-8f90-a1b2c3d4e5f6,W P,spaced.png
            b1b2c3d4-1b2c-4d3e-8f90-a1b2c3d4e5f6,WP:US,colon.png
            c1b2c3d4-1b2c-4d3e-8f90-a1b2c3d4e5f6,\(String(repeating: "B", count: 65)),long.png
            e1b2c3d4-1b2c-4d3e-8f90-a1b2c3d4e5f6,WP,
            f1b2c3d4-1b2c-4d3e-8f90-a1b2c3d4e5f6,WP,a1b2c3d4-WP-C3-SQ.png

            """)
        let brandRule = "a brand id is 1–64 characters without spaces or ':'"
        let expected = [
            "line 3: invalid creative id \"d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f\": expected a UUID like "
                + "d4e5f6a7-1b2c-4d3e-8f90-a1b2c3d4e5f6; pass the creative's full id",
            "line 4: brand \"W P\": \(brandRule)",
            "line 5: brand \"WP:US\": \(brandRule)",
            "line 6: brand \"\(String(repeating: "B", count: 65))\": \(brandRule)",
            "line 7: the required field filename is missing or blank; fill it in",
            "line 8: filename a1b2c3d4-WP-C3-SQ.png names creative a1b2c3d4, not f1b2c3d4",
        ]
        let opened = try ledger.open()
        #expect(throws: LedgerError.invalidLines(source: file, lines: expected)) {
            try opened.importCreatives(file: file, skipBad: false)
        }
        #expect(try ledger.rows("SELECT count(*) FROM generated_ads", ledger: opened) == [["0"]])
        let summary = try opened.importCreatives(file: file, skipBad: true)
        #expect(summary.skipped == expected)
        #expect(summary.new == 1)
        #expect(try ledger.rows("SELECT id, brand_id FROM generated_ads", ledger: opened) == [[Self.good, "WP"]])
    }
}
