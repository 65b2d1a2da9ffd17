import Foundation
import JSON

/// The cursor of `export events --state FILE`: the last seq exported, and whose ledger it belongs to.
///
/// The file is one canonical JSON object, replaced atomically (written, `fsync`ed, renamed) only after the
/// export it follows is durable. It records the ledger's identity (the hash of event 1) and the hash of the
/// event at the cursor, so a state file from another ledger, or from a ledger restored to an older copy,
/// is refused rather than silently skipping or repeating events.
package struct ExportState: Equatable, Sendable {
    /// The hash of the ledger's first event: the same for every copy of one ledger, different for any other.
    package var ledgerId: String
    /// The kind exported (`--kind`), or nil for every kind: a cursor for one kind is not one for another.
    package var kind: String?
    /// Events up to this seq have been exported.
    package var afterSeq: Int64
    /// The hash of the event at `afterSeq`.
    package var afterHash: String

    static let formatKey = "adledger_export_state"
    static let formatVersion = "1"

    /// Reads the state at `path`; nil when there is no file there yet.
    package static func load(path: String) throws(LedgerError) -> ExportState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .exportState(path: path, reason: "cannot be read")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(data))
        } catch {
            throw .exportState(path: path, reason: "is damaged (not JSON)")
        }
        guard value[formatKey]?.scalarText == formatVersion,
            let ledgerId = value["ledger_id"]?.scalarText, ledgerId.utf8.count == 64,
            let afterText = value["after_seq"]?.scalarText, let afterSeq = Int64(afterText), afterSeq >= 0,
            let afterHash = value["after_hash"]?.scalarText, afterHash.utf8.count == 64
        else {
            throw .exportState(path: path, reason: "is damaged (a field is missing or malformed)")
        }
        let kind: String?
        switch value["kind"] {
        case .string(let text): kind = text
        case .null, nil: kind = nil
        default: throw .exportState(path: path, reason: "is damaged (kind is not a string)")
        }
        return ExportState(ledgerId: ledgerId, kind: kind, afterSeq: afterSeq, afterHash: afterHash)
    }

    /// Replaces the state at `path` atomically and durably.
    package func save(path: String) throws(LedgerError) {
        let value = JSONValue.object([
            (Self.formatKey, .number(Self.formatVersion)), ("ledger_id", .string(ledgerId)),
            ("kind", kind.map(JSONValue.string) ?? .null), ("after_seq", .number(String(afterSeq))),
            ("after_hash", .string(afterHash)),
        ])
        let file = try ExportFile(path: path, gzip: false)
        try file.write(value.canonicalBytes + [0x0A])
        try file.commit()
    }
}
