import Foundation
import JSON
import Matching

extension Ledger {
    /// Registers the creatives of a CSV (with a header) or JSON-lines file as `creative.registered` events,
    /// in one transaction. A file with bad lines (a field missing, an id that is not a UUID, a brand id that
    /// cannot be one, a filename naming another creative) imports nothing unless `skipBad`; each bad line is
    /// named by its number.
    public func importCreatives(file: String, skipBad: Bool) throws(LedgerError) -> CreativeImportSummary {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .invalidInput(source: file, reason: "cannot read the file; check the path and its permissions")
        }
        let list = CreativeFileReader.read(data)
        var bad = list.errors.map { (line: $0.line, text: $0.description) }
        var records: [CreativeRecord] = []
        for record in list.records {
            if let parsed = CreativeFilename.parse(record.filename), let short = parsed.shortId, short != record.shortId {
                let reason = "filename \(record.filename) names creative \(short), not \(record.shortId)"
                bad.append((record.line, "line \(record.line): \(reason)"))
                continue
            }
            do throws(LedgerError) {
                _ = try Self.checkBrand(record.brand)
                records.append(record)
            } catch {
                bad.append((record.line, "line \(record.line): \(error)"))
            }
        }
        // In line order, the reader's errors first on a line.
        let errors = bad.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element.text)
        if !errors.isEmpty && !skipBad {
            throw .invalidLines(source: file, lines: errors)
        }
        if records.isEmpty && errors.isEmpty {
            throw .invalidInput(source: file, reason: "no creatives found; expected a CSV header id,brand,filename,… or JSON lines")
        }
        let (new, changed, unchanged) = try write { (writer: LedgerWriter) throws(LedgerError) -> (Int, Int, Int) in
            var counts = (0, 0, 0)
            for record in records {
                let brand = try Self.checkBrand(record.brand)
                var members: [(key: String, value: JSONValue)] = [
                    ("id", .string(record.id)), ("brand_id", .string(brand)), ("filename", .string(record.filename)),
                    ("concept", record.concept.map(JSONValue.string) ?? .null),
                    ("format", record.format.map(JSONValue.string) ?? .null),
                ]
                if !record.extra.isEmpty {
                    members.append(("extra", .object(record.extra.map { (key: $0.0, value: .string($0.1)) })))
                }
                let event = NewEvent(kind: .creativeRegistered, stream: "creative:\(record.id)", payload: .object(members))
                if let stored = try writer.recordIfChanged(event) {
                    if stored.version == 1 { counts.0 += 1 } else { counts.1 += 1 }
                } else {
                    counts.2 += 1
                }
            }
            return counts
        }
        try refreshSuggestionsIfStale()
        return CreativeImportSummary(new: new, changed: changed, unchanged: unchanged, skipped: errors)
    }
}
