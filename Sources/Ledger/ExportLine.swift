import JSON

/// One event as a line of `export events`: a JSON object with the chain fields, in a fixed order, then `\n`.
///
/// `payload` is the canonical JSON of the payload as readers see it (old schemas upcast), embedded as JSON;
/// `meta` is the stored meta text as it is (it is canonical JSON, and the hash covers those bytes).
enum ExportLine {
    static func bytes(_ event: StoredEvent, prevHash: String, hash: String, path: String) throws(LedgerError) -> [UInt8]
    {
        var line: [UInt8] = []
        line.reserveCapacity(512)
        line += #"{"seq":"#.utf8
        line += String(event.seq).utf8
        line += #","kind":"#.utf8
        line += quoted(event.kind.rawValue)
        line += #","stream":"#.utf8
        line += quoted(event.stream)
        line += #","version":"#.utf8
        line += String(event.version).utf8
        line += #","recorded_at":"#.utf8
        line += quoted(event.recordedAt)
        line += #","schema_version":"#.utf8
        line += String(event.schemaVersion).utf8
        line += #","payload_hash":"#.utf8
        line += quoted(event.payloadHash)
        line += #","payload":"#.utf8
        line += event.payload.canonicalBytes
        line += #","meta":"#.utf8
        if let meta = event.meta {
            // Checked, so a damaged meta can never break the line's JSON.
            guard (try? JSONParser.parse(Array(meta.utf8))) != nil else {
                throw .corrupt(path: path, message: "event \(event.seq) meta is not valid JSON")
            }
            line += meta.utf8
        } else {
            line += "null".utf8
        }
        line += #","prev_hash":"#.utf8
        line += quoted(prevHash)
        line += #","hash":"#.utf8
        line += quoted(hash)
        line += "}\n".utf8
        return line
    }

    private static func quoted(_ text: String) -> [UInt8] {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            return [0x22] + Array(text.utf8) + [0x22]
        }
        return JSONValue.string(text).canonicalBytes
    }
}
