/// One versioned SQL file from `schema/`, carried in the binary (embedded at build time).
struct SchemaFile: Sendable {
    let version: Int
    let name: String
    let sql: String

    /// Every schema file the binary carries, in order. A test checks this against `schema/`.
    static let all: [SchemaFile] = [
        SchemaFile(version: 1, name: "001_events.sql", bytes: PackageResources._01_events_sql),
        SchemaFile(version: 2, name: "002_projections.sql", bytes: PackageResources._02_projections_sql),
        SchemaFile(version: 3, name: "003_payload_encoding.sql", bytes: PackageResources._03_payload_encoding_sql),
        SchemaFile(version: 4, name: "004_lean_projections.sql", bytes: PackageResources._04_lean_projections_sql),
        SchemaFile(version: 5, name: "005_normalizer_v2.sql", bytes: PackageResources._05_normalizer_v2_sql),
        SchemaFile(version: 6, name: "006_meta_objects.sql", bytes: PackageResources._06_meta_objects_sql),
        SchemaFile(version: 7, name: "007_report_indexes.sql", bytes: PackageResources._07_report_indexes_sql),
        SchemaFile(version: 8, name: "008_report_summary.sql", bytes: PackageResources._08_report_summary_sql),
        SchemaFile(version: 9, name: "009_drift_summary.sql", bytes: PackageResources._09_drift_summary_sql),
        SchemaFile(version: 10, name: "010_replaced_versions.sql", bytes: PackageResources._10_replaced_versions_sql),
        SchemaFile(
            version: 11, name: "011_stream_heads_from_log.sql", bytes: PackageResources._11_stream_heads_from_log_sql),
        SchemaFile(
            version: 12, name: "012_partial_events_kind.sql", bytes: PackageResources._12_partial_events_kind_sql),
        SchemaFile(version: 13, name: "013_lean_events.sql", bytes: PackageResources._13_lean_events_sql),
        SchemaFile(version: 14, name: "014_event_contexts.sql", bytes: PackageResources._14_event_contexts_sql),
        SchemaFile(version: 15, name: "015_drop_ad_name_index.sql", bytes: PackageResources._15_drop_ad_name_index_sql),
        SchemaFile(
            version: 16, name: "016_stream_bound_payloads.sql", bytes: PackageResources._16_stream_bound_payloads_sql),
    ]

    /// The newest schema version this build knows.
    static var latestVersion: Int { all.last?.version ?? 0 }

    init(version: Int, name: String, bytes: [UInt8]) {
        self.version = version
        self.name = name
        self.sql = String(decoding: bytes, as: UTF8.self)
    }
}
