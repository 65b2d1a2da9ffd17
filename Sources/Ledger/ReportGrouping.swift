/// How `report` groups mapped performance.
public enum ReportGrouping: String, Sendable, CaseIterable {
    case creative, concept, format, brand

    var columns: [String] {
        switch self {
        case .creative: ["generated_ad_id", "short_id", "brand_id", "concept", "format"]
        case .concept: ["brand_id", "concept"]
        case .format: ["format"]
        case .brand: ["brand_id"]
        }
    }
}
