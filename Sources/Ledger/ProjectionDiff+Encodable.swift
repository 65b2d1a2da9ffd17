extension ProjectionDiff: Encodable {
    enum CodingKeys: String, CodingKey {
        case table, added, removed, changed
        case changedColumns = "changed_columns"
        case addedColumns = "added_columns"
        case firstDifference = "first_difference"
    }

    /// `changed_columns` maps each changed column to how many rows changed in it; `first_difference` is left
    /// out when the tables agree; `added_columns` lists the columns a newer normalizer added (empty when none).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(table, forKey: .table)
        try container.encode(added, forKey: .added)
        try container.encode(removed, forKey: .removed)
        try container.encode(changed, forKey: .changed)
        try container.encode(
            Dictionary(changedColumns.map { ($0.column, $0.rows) }, uniquingKeysWith: +), forKey: .changedColumns)
        try container.encode(addedColumns, forKey: .addedColumns)
        try container.encodeIfPresent(firstDifference, forKey: .firstDifference)
    }
}
