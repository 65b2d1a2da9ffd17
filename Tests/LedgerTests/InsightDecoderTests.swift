import Foundation
import JSON
import Normalization
import Testing

@testable import Ledger

/// `InsightDecoder`'s two routes to a payload: the byte reader (`fastPayload`) and the tree (`treePayload`). Whatever
/// the byte reader takes, it reads as the tree does; it takes every canonical payload the ledger writes; it leaves
/// damaged, non-canonical and older-schema payloads to the tree, which names the damage.
@Suite struct InsightDecoderTests {
    func decoder() throws -> (TestLedger, InsightDecoder) {
        let test = try TestLedger()
        _ = try test.open()
        let connection = try Connection(path: test.path, mode: .readOnly)
        return (test, try InsightDecoder(connection: connection))
    }

    /// The payloads an ingest writes: `{"account_id": …, "row": …}` of the seed rows and the fixture rows.
    static let payloads: [[UInt8]] = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let folder = root.appending(path: "Fuzz/corpus/canonical")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var rows = names.sorted().compactMap { name in
            (try? Data(contentsOf: folder.appending(path: name))).flatMap { try? JSONParser.parse(Array($0)) }
        }
        rows += [insightRow(ad: "7", date: "2025-12-01"), insightRow(ad: "8", date: "2025-12-02", currency: nil)]
        return rows.map { JSONValue.object([("account_id", .string("act_42")), ("row", $0)]).canonicalBytes }
    }()

    func expectSame(_ bytes: [UInt8], _ decoder: InsightDecoder, schemaVersion: Int = 1) -> Bool {
        let tree = decoder.treePayload(bytes, seq: 9, schemaVersion: schemaVersion)
        guard let fast = decoder.fastPayload(bytes, schemaVersion: schemaVersion) else { return false }
        #expect(tree == .success(fast), "\(String(decoding: bytes.prefix(200), as: UTF8.self))")
        return true
    }

    @Test func everyWrittenPayloadIsReadFromItsBytesAsTheTreeReadsIt() throws {
        let (_, decoder) = try decoder()
        #expect(Self.payloads.count >= 5)
        for payload in Self.payloads {
            #expect(
                expectSame(payload, decoder),
                "left to the tree: \(String(decoding: payload.prefix(120), as: UTF8.self))")
            let fast = try #require(decoder.fastPayload(payload, schemaVersion: 1))
            #expect(fast.account == "act_42")
            #expect(fast.row?.metaAdId != nil)
        }
    }

    @Test func envelopeShapesReadAsTheTreeReadsThem() throws {
        let (_, decoder) = try decoder()
        let cases = [
            #"{"account_id":"act_1"}"#, #"{"row":{"ad_id":"1","date_start":"2025-12-01"}}"#,
            #"{"account_id":7,"row":{"ad_id":"1","date_start":"2025-12-01"}}"#,
            #"{"account_id":"act_1","extra":[{"a":1}],"row":[1,2]}"#, #"{"account_id":"act_1","row":null}"#,
            #"{"account_id":"act_\"1","row":{"ad_id":"1","date_start":"2025-12-01","spend":"1e400"}}"#,
            "{}",
        ]
        for text in cases { #expect(expectSame(Array(text.utf8), decoder), "\(text)") }
    }

    /// Damage, whitespace, repeated or unsorted keys, and an older schema version go to the tree, so a damaged
    /// payload gets the tree's error.
    @Test func whatTheReaderIsNotSureOfGoesToTheTree() throws {
        let (_, decoder) = try decoder()
        let payload = try #require(Self.payloads.first)
        let text = String(decoding: payload, as: UTF8.self)
        let refused = [
            Array(payload.dropLast()), [UInt8(ascii: " ")] + payload, payload + [0x0A],
            Array(
                text.replacingOccurrences(
                    of: #"{"account_id":"act_42","#, with: #"{"account_id":"act_42","account_id":"act_42","#
                ).utf8),
            Array(text.replacingOccurrences(of: #"{"account_id":"act_42","row":"#, with: #"{"row":"#).dropLast().utf8)
                + Array(#","account_id":"act_42"}"#.utf8),
            Array(text.replacingOccurrences(of: #""spend":"#, with: #""spend":01"#).utf8),
        ]
        for bytes in refused {
            #expect(
                decoder.fastPayload(bytes, schemaVersion: 1) == nil,
                "\(String(decoding: bytes.prefix(100), as: UTF8.self))")
        }
        guard case .failure(let error) = decoder.treePayload(Array(payload.dropLast()), seq: 9, schemaVersion: 1) else {
            Issue.record("a truncated payload parsed")
            return
        }
        #expect(error.description.contains("event 9 payload is not valid JSON"))
        #expect(decoder.fastPayload(payload, schemaVersion: Upcaster.currentVersion(of: .insightFetched) - 1) == nil)
    }

    /// Every single-byte deletion and replacement of a payload: the reader refuses it or reads it as the tree does.
    @Test func damagedPayloadsNeverReadDifferently() throws {
        let (_, decoder) = try decoder()
        var taken = 0
        for payload in Self.payloads.prefix(3) {
            for position in stride(from: 0, to: payload.count, by: 3) {
                var deleted = payload
                deleted.remove(at: position)
                for replacement: UInt8 in [0x22, 0x5C, 0x2C, 0x7D, 0x31, 0xFF] {
                    var replaced = payload
                    replaced[position] = replacement
                    if expectSame(replaced, decoder) { taken += 1 }
                }
                if expectSame(deleted, decoder) { taken += 1 }
            }
        }
        // Some damage leaves canonical JSON (a digit for a digit, a byte inside a name): those are read.
        #expect(taken > 0)
    }
}
