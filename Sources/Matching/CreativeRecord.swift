/// One creative read from a creative list (CSV or JSON lines).
public struct CreativeRecord: Sendable, Equatable {
    /// 1-based line on which the record starts in the file.
    public let line: Int
    /// The generated ad id: a canonical UUID, lower case.
    public let id: String
    /// The first 8 hex digits of `id`.
    public let shortId: String
    /// The brand id, trimmed.
    public let brand: String
    /// The filename, trimmed.
    public let filename: String
    /// The concept as given, else from the filename when it follows a known scheme, else nil.
    public let concept: String?
    /// The format as given, else from the filename when it follows a known scheme, else nil.
    public let format: String?
    /// Every other column (CSV, header order) or key (JSON, object order) with its value as
    /// written; JSON `null` values are left out.
    public let extra: [(String, String)]

    /// Creates a record; `id` is expected canonical and lower case.
    public init(
        line: Int, id: String, shortId: String, brand: String, filename: String, concept: String?,
        format: String?, extra: [(String, String)]
    ) {
        self.line = line
        self.id = id
        self.shortId = shortId
        self.brand = brand
        self.filename = filename
        self.concept = concept
        self.format = format
        self.extra = extra
    }

    /// Equal when every field, `line` included, is equal.
    public static func == (lhs: CreativeRecord, rhs: CreativeRecord) -> Bool {
        lhs.line == rhs.line && lhs.hasSameContent(as: rhs)
    }

    /// Equal in everything but `line`.
    public func hasSameContent(as other: CreativeRecord) -> Bool {
        id == other.id && shortId == other.shortId && brand == other.brand && filename == other.filename
            && concept == other.concept && format == other.format && extra.count == other.extra.count
            && zip(extra, other.extra).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }
}
