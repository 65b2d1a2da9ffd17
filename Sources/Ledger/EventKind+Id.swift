extension EventKind {
    /// The kind's row in `event_kinds` (schema 13 fixes them; a test compares this list with the file's rows).
    var id: Int64 {
        switch self {
        case .insightFetched: 1
        case .insightVanished: 2
        case .accountFetched: 3
        case .brandAccountLinked: 4
        case .brandAccountUnlinked: 5
        case .creativeRegistered: 6
        case .campaignFetched: 7
        case .adsetFetched: 8
        case .adFetched: 9
        case .adcreativeFetched: 10
        case .mappingLinked: 11
        case .mappingUnlinked: 12
        case .mappingRejected: 13
        case .syncStarted: 14
        case .syncPlanned: 15
        case .syncChunkCompleted: 16
        case .syncFinished: 17
        }
    }
}
