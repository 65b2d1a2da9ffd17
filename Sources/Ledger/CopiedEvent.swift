/// An event read from one ledger to be appended, exactly as recorded, to another (`compact`).
struct CopiedEvent {
    let seq: Int64
    let kind: String
    let stream: String
    let version: Int64
    let recordedAt: String
    let schemaVersion: Int
    let payloadHash: String
    let meta: String?
    let prevHash: String
    let hash: String
    /// The payload's canonical JSON (its hash is `payloadHash`).
    let canonicalPayload: [UInt8]
}
