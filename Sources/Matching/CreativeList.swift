/// What a creative list file holds: the records that could be read and the lines that could not.
public struct CreativeList: Sendable, Equatable {
    /// Good records in file order, one per distinct id (an exact repeat of a record is dropped).
    public let records: [CreativeRecord]
    /// Bad lines in file order.
    public let errors: [CreativeLineError]

    /// Creates a list.
    public init(records: [CreativeRecord], errors: [CreativeLineError]) {
        self.records = records
        self.errors = errors
    }
}
