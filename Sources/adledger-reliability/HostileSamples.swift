import Foundation
import TestSupport

/// Hostile inputs for `ingest` (Graph insight responses) and `creatives import` (CSV / JSON lines):
/// hand-picked extremes first, then seeded random mutations of valid files.
enum HostileSamples {
    /// Fragments the mutator splices in: JSON and CSV syntax, numbers no double holds, bad bytes.
    static let fragments: [[UInt8]] = [
        "{", "}", "[", "]", "\"", "\\", ",", ":", "\n", "\r\n", "\"\"", "null", "true", "1e400", "-1e400", "1e-400",
        "NaN", "\"NaN\"", "Infinity", "-0", "\"-0\"", "-0.0", "0e0", "1234567890123456789012345678901234567890",
        "\"1234567890123456789012345678901234567890\"", "-9223372036854775809", "18446744073709551616", "0x1F",
        "\"\\ud800\"", "\"\\u0000\"", "\\u", "\"2025-02-30\"", "\"9999-99-99\"", "\"\"\"", "deadbeef", "DEADBEEF-",
        "\u{202E}", "🙂", "\u{0}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xEF, 0xBB, 0xBF], [0xFE, 0xFF]]

    /// A valid Graph insights page with `count` rows of account 2001.
    static func insightPage(rows count: Int) -> [UInt8] {
        let standIn = GraphStandIn(
            token: "unused", accounts: [StandInAccount(id: "2001", name: "Fuzz", adCount: max(count / 3, 1), dayCount: 3)])
        let rows = standIn.insightRows(accountId: "2001", since: "2025-12-01", until: "2025-12-03").prefix(count)
        let body = "{\"data\":[" + rows.map { $0.json(fields: nil) }.joined(separator: ",") + "],\"paging\":{\"cursors\":{\"before\":\"MA\",\"after\":\"MQ\"}}}"
        return Array(body.utf8)
    }

    /// One valid row whose `key` holds the raw JSON `value`.
    static func row(_ key: String, _ value: String) -> [UInt8] {
        var text = String(decoding: insightPage(rows: 1), as: UTF8.self)
        if let range = text.range(of: "\"\(key)\":") {
            let valueStart = range.upperBound
            var depth = 0
            var inString = false
            var escaped = false
            var end = valueStart
            for index in text[valueStart...].indices {
                let c = text[index]
                if inString {
                    if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                } else if c == "\"" {
                    inString = true
                } else if c == "[" || c == "{" {
                    depth += 1
                } else if c == "]" || c == "}" {
                    if depth == 0 { end = index; break }
                    depth -= 1
                } else if c == "," && depth == 0 {
                    end = index
                    break
                }
            }
            text.replaceSubrange(valueStart..<end, with: value)
        }
        return Array(text.utf8)
    }

    /// Hand-picked extremes for `ingest`, by name.
    static func ingestExtremes(megabytes mb: Int) -> [(String, [UInt8])] {
        let deep = 10_000
        var cases: [(String, [UInt8])] = [
            ("empty file", []),
            ("only a BOM", [0xEF, 0xBB, 0xBF]),
            ("NUL bytes", [UInt8](repeating: 0, count: 4096)),
            ("array nested 10k deep", Array((String(repeating: "[", count: deep) + String(repeating: "]", count: deep)).utf8)),
            ("object nested 10k deep", Array((String(repeating: "{\"a\":", count: deep) + "1" + String(repeating: "}", count: deep)).utf8)),
            ("unclosed nesting 200k deep", Array(String(repeating: "[", count: 200_000).utf8)),
            ("spend nested 10k deep", row("spend", String(repeating: "[", count: deep) + String(repeating: "]", count: deep))),
            ("actions nested 10k deep", row("actions", "[" + String(repeating: "{\"value\":", count: deep) + "1" + String(repeating: "}", count: deep) + "]")),
            ("giant ad_name \(mb) MB", row("ad_name", "\"" + String(repeating: "a1b2c3d4-", count: mb * 1024 * 1024 / 9) + "\"")),
            ("giant spend digits 1 MB", row("spend", "\"" + String(repeating: "9", count: 1 << 20) + "\"")),
            ("giant bare number 1 MB", row("impressions", String(repeating: "7", count: 1 << 20))),
            ("one line \(2 * mb) MB no newline", Array(repeating: UInt8(ascii: " "), count: (2 * mb) << 20) + insightPage(rows: 3)),
            ("\(mb * 6)k actions", row("actions", "[" + Array(repeating: "{\"action_type\":\"purchase\",\"value\":\"1\"}", count: mb * 6_000).joined(separator: ",") + "]")),
            ("200k blank lines", Array(String(repeating: "\n", count: 200_000).utf8) + insightPage(rows: 1)),
            ("invalid UTF-8 in ad_name", row("ad_name", "\"ab") + [0xFF, 0xFE, 0xC0, 0x80] + Array("\"}]}".utf8)),
            ("lone surrogate escape", row("ad_name", "\"\\ud800\\udc00\\ud800x\"")),
            ("NUL escape in ad_id", row("ad_id", "\"12\\u00003\"")),
            ("UTF-16 file", [0xFF, 0xFE] + Array("{\"data\":[]}".utf8).flatMap { [$0, 0] }),
            ("duplicate keys", row("spend", "\"1\",\"spend\":\"2\"")),
            ("truncated page", Array(insightPage(rows: 5).prefix(700))),
            ("data not an array", Array("{\"data\":{\"spend\":\"1\"}}".utf8)),
            ("row is a number", Array("{\"data\":[1e400]}".utf8)),
            ("JSON lines of scalars", Array("1\n\"x\"\nnull\n[]\n".utf8)),
            ("date 2025-02-30", row("date_start", "\"2025-02-30\"")),
            ("date 40 digits", row("date_start", "\"1234567890123456789012345678901234567890\"")),
            ("ad_id with colons", row("ad_id", "\"1:2:3\"")),
            ("ad_id 40 digits", row("ad_id", "\"1234567890123456789012345678901234567890\"")),
            ("ad_id empty", row("ad_id", "\"\"")),
            ("ad_id number", row("ad_id", "1e400")),
            ("account_id hostile", row("account_id", "\"act_../../etc\"")),
        ]
        for (label, value) in [
            ("1e400", "1e400"), ("\"1e400\"", "\"1e400\""), ("-1e400", "-1e400"), ("1e-400", "\"1e-400\""), ("NaN", "\"NaN\""),
            ("bare NaN", "NaN"), ("Infinity", "\"Infinity\""), ("-0", "\"-0\""), ("bare -0", "-0"),
            ("40 digits", "\"1234567890123456789012345678901234567890\""),
            ("40 digits bare", "1234567890123456789012345678901234567890"),
            ("negative 40 digits", "\"-1234567890123456789012345678901234567890.123456789\""),
            ("hex", "\"0x10\""), ("comma decimal", "\"1,5\""), ("spaces", "\" 12 \""), ("empty", "\"\""), ("null", "null"),
            ("object", "{}"), ("true", "true"),
        ] {
            cases.append(("spend \(label)", row("spend", value)))
            cases.append(("impressions \(label)", row("impressions", value)))
            cases.append(("action value \(label)", row("actions", "[{\"action_type\":\"omni_purchase\",\"value\":\(value)},{\"action_type\":\"outbound_click\",\"value\":\(value)}]")))
        }
        return cases
    }

    /// A valid creatives CSV with `count` rows.
    static func creativesCSV(count: Int, random: inout SeededGenerator) -> [UInt8] {
        var text = "id,brand,filename,concept,format,note\n"
        for _ in 0..<count {
            let id = uuid(&random)
            let concept = "C\(Int.random(in: 1...9, using: &random))"
            let format = ["SQ", "ST", "LS"].randomElement(using: &random) ?? "SQ"
            text += "\(id),WP,\(id.prefix(8))-WP-\(concept)-\(format).png,\(concept),\(format),\"a, \"\"quoted\"\" note\"\n"
        }
        return Array(text.utf8)
    }

    static func uuid(_ random: inout SeededGenerator) -> String {
        let hex = (0..<32).map { _ in String(Int.random(in: 0..<16, using: &random), radix: 16) }.joined()
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-a" + String(c[17..<20]) + "-"
            + String(c[20..<32])
    }

    /// Hand-picked extremes for `creatives import`, by name.
    static func creativeExtremes(megabytes mb: Int, random: inout SeededGenerator) -> [(String, [UInt8])] {
        let id = uuid(&random)
        let header = "id,brand,filename,concept,format\n"
        func line(_ s: String) -> [UInt8] { Array((header + s + "\n").utf8) }
        return [
            ("empty", []),
            ("header only", Array(header.utf8)),
            ("unclosed quote", line("\(id),WP,\"\(id.prefix(8))-WP-C1-SQ.png,C1,SQ")),
            ("quote in the middle", line("\(id),W\"P,x.png,C1,SQ")),
            ("10k columns", Array((Array(repeating: "c", count: 10_000).joined(separator: ",") + "\n" + Array(repeating: "v", count: 10_000).joined(separator: ",") + "\n").utf8)),
            ("giant field \(mb) MB", line("\(id),WP,\"" + String(repeating: "x", count: mb << 20) + "\",C1,SQ")),
            ("giant quoted field with newlines", line("\(id),WP,\"" + String(repeating: "a\n", count: mb << 18) + "\",C1,SQ")),
            ("invalid UTF-8 field", Array(header.utf8) + Array("\(id),WP,".utf8) + [0xFF, 0xC0, 0x80] + Array(".png,C1,SQ\n".utf8)),
            ("invalid UTF-8 header", [0xFF, 0xFE, 0x00] + Array(",brand\n1,2\n".utf8)),
            ("NUL bytes", line("\(id),WP,\u{0}\u{0}.png,C1,SQ")),
            ("CR only line ends", Array((header.replacingOccurrences(of: "\n", with: "\r") + "\(id),WP,x.png,C1,SQ\r").utf8)),
            ("bad uuid", line("not-a-uuid,WP,x.png,C1,SQ")),
            ("uuid 40 hex", line("1234567890123456789012345678901234567890,WP,x.png,C1,SQ")),
            ("brand with control chars", line("\(id),W\u{7}P\u{1B}[31m,x.png,C1,SQ")),
            ("JSON lines nested 10k", Array(("{\"id\":\"\(id)\",\"brand\":\"WP\",\"filename\":\"x.png\",\"extra\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}\n").utf8)),
            ("JSON lines 1e400 NaN -0", Array("{\"id\":\"\(id)\",\"brand\":\"WP\",\"filename\":\"x.png\",\"a\":1e400,\"b\":-0,\"c\":NaN,\"d\":1234567890123456789012345678901234567890}\n".utf8)),
            ("JSON lines unclosed", Array("{\"id\":\"\(id)\",\"brand\":\"WP\n".utf8)),
            ("JSON line id number", Array("{\"id\":1e400,\"brand\":\"WP\",\"filename\":\"x.png\"}\n".utf8)),
            ("same id twice differing", line("\(id),WP,a.png,C1,SQ\n\(id),WP,b.png,C2,SQ")),
            ("filename names another creative", line("\(id),WP,deadbeef-WP-C1-SQ.png,C1,SQ")),
            ("200k blank lines", Array((header + String(repeating: "\n", count: 200_000) + "\(id),WP,x.png,C1,SQ\n").utf8)),
        ]
    }

    /// `base` with 1–8 seeded random mutations: byte flips, spliced fragments, deleted, repeated or truncated spans.
    static func mutate(_ base: [UInt8], random: inout SeededGenerator) -> [UInt8] {
        var bytes = base
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            guard !bytes.isEmpty else {
                bytes = fragments.randomElement(using: &random) ?? []
                continue
            }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0: bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 2, 3: bytes.insert(contentsOf: fragments.randomElement(using: &random) ?? [], at: at)
            case 4: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
            case 5:
                let span = Array(bytes[at..<min(bytes.count, at + Int.random(in: 1...256, using: &random))])
                let times = Int.random(in: 2...2_000, using: &random)
                bytes.insert(contentsOf: Array([[UInt8]](repeating: span, count: times).joined()), at: at)
            default: bytes.removeSubrange(at...)
            }
        }
        return bytes
    }
}
