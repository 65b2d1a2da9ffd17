/// Gathers records and errors, dropping exact repeats of an id and flagging changed ones.
struct CreativeCollector {
    var records: [CreativeRecord] = []
    var errors: [CreativeLineError] = []
    /// Position in `records` of each id seen.
    var positions: [String: Int] = [:]

    var list: CreativeList { CreativeList(records: records, errors: errors) }

    mutating func fail(_ line: Int, _ reason: MatchingError) {
        errors.append(CreativeLineError(line: line, reason: reason))
    }

    mutating func add(line: Int, _ pairs: [(String, String?)]) {
        let record: CreativeRecord
        do throws(MatchingError) {
            record = try CreativeFileReader.record(line: line, pairs)
        } catch {
            fail(line, error)
            return
        }
        guard let position = positions[record.id] else {
            positions[record.id] = records.count
            records.append(record)
            return
        }
        let first = records[position]
        if !first.hasSameContent(as: record) {
            fail(line, .duplicateID(record.id, firstLine: first.line))
        }
    }
}
