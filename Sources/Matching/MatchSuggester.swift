/// Suggests which registered creative a Meta ad was made from, by the ids in the ad's name.
///
/// Built once from every registered creative into two hash indexes (short id → creatives, first
/// 6 hex digits of the id → creatives), so each `suggest` costs the tokens of one name and a few
/// dictionary lookups, never a scan of the creatives.
///
/// Decisions (DESIGN §5, issue 5), applied by `suggest`:
/// 1. Candidates are the tokens of `AdNameTokens.extract(from:)`.
/// 2. Creatives in `rejected` (pairs once rejected for this Meta ad) are removed first.
/// 3. A `.shortId` token counts when at least one remaining creative has that short id; a
///    `.legacyPrefix` token counts when exactly one remaining creative's id starts with it (a
///    shared 6-digit prefix identifies nothing, so it is not reported as ambiguous).
/// 4. Precedence: tokens that are not date-like come first, then date-like all-digit tokens
///    (`20251218`); within each group, the first by position in the name. The first counting
///    token in that order wins; no other token is reported.
/// 5. The winner gives `exact` (one creative whose brand is one of the account's brands, compared
///    case-insensitively), `cross_brand` (one creative of another brand, or the account has no
///    brand) or `ambiguous` (several creatives: one row per creative, ordered by id).
/// 6. Tokens but none counting: one `unknown_id` row, `generatedAdId` nil, `shortId` the first
///    token by the same precedence (legacy prefixes included). No tokens: no rows.
public struct MatchSuggester: Sendable {
    /// Creatives by short id, each list ordered by id, without duplicate ids.
    let byShortId: [String: [CreativeRef]]
    /// Creatives by the first 6 hex digits of their id, each list ordered by id.
    let byLegacyPrefix: [String: [CreativeRef]]

    /// Indexes `creatives`; later duplicates of an id are ignored, ids and short ids are
    /// compared in lower case.
    public init(creatives: [CreativeRef]) {
        var byShortId: [String: [CreativeRef]] = [:]
        var byLegacyPrefix: [String: [CreativeRef]] = [:]
        var seen: Set<String> = []
        byShortId.reserveCapacity(creatives.count)
        byLegacyPrefix.reserveCapacity(creatives.count)
        seen.reserveCapacity(creatives.count)
        for creative in creatives {
            let ref = CreativeRef(
                id: creative.id.lowercased(), shortId: creative.shortId.lowercased(), brandId: creative.brandId)
            guard seen.insert(ref.id).inserted else { continue }
            byShortId[ref.shortId, default: []].append(ref)
            byLegacyPrefix[String(ref.id.prefix(6)), default: []].append(ref)
        }
        self.byShortId = byShortId.mapValues { $0.count > 1 ? $0.sorted { $0.id < $1.id } : $0 }
        self.byLegacyPrefix = byLegacyPrefix.mapValues { $0.count > 1 ? $0.sorted { $0.id < $1.id } : $0 }
    }

    /// The suggestions for one Meta ad (see the type's documentation for the rules).
    ///
    /// - Parameters:
    ///   - adName: the Meta ad's name.
    ///   - accountBrandIds: the brands linked to the ad's account; empty when none.
    ///   - rejected: generated ad ids rejected for this Meta ad.
    public func suggest(
        adName: String, accountBrandIds: Set<String>, rejected: Set<String> = []
    ) -> [MatchSuggestion] {
        let tokens = AdNameTokens.extract(from: adName)
        let ordered = tokens.filter { !$0.isDate } + tokens.filter(\.isDate)
        guard let first = ordered.first else { return [] }
        let rejectedIds = rejected.isEmpty ? rejected : Set(rejected.map { $0.lowercased() })
        for token in ordered {
            let creatives = candidates(for: token, rejected: rejectedIds)
            guard !creatives.isEmpty else { continue }
            guard creatives.count == 1, let creative = creatives.first else {
                return creatives.map { MatchSuggestion(generatedAdId: $0.id, shortId: $0.shortId, kind: .ambiguous) }
            }
            let brand = creative.brandId.lowercased()
            let sameBrand = accountBrandIds.contains { $0.lowercased() == brand }
            let kind: MatchKind = sameBrand ? .exact : .crossBrand
            return [MatchSuggestion(generatedAdId: creative.id, shortId: creative.shortId, kind: kind)]
        }
        return [MatchSuggestion(generatedAdId: nil, shortId: first.value, kind: .unknownId)]
    }

    /// The creatives `token` names once `rejected` ones are removed; empty when it does not count.
    func candidates(for token: AdNameToken, rejected: Set<String>) -> [CreativeRef] {
        switch token.kind {
        case .shortId:
            let found = byShortId[token.value] ?? []
            return rejected.isEmpty ? found : found.filter { !rejected.contains($0.id) }
        case .legacyPrefix:
            let found = byLegacyPrefix[token.value] ?? []
            let remaining = rejected.isEmpty ? found : found.filter { !rejected.contains($0.id) }
            return remaining.count == 1 ? remaining : []
        }
    }
}
