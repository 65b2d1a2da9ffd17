import JSON

extension Ledger {
    /// Links creative `generatedAdId` to Meta ad `metaAdId` (`mapping.linked`, method `manual`).
    /// Fails when the ad is linked to another creative, unless `replace`.
    public func link(generatedAdId: String, metaAdId: String, replace: Bool, actor: MappingActor, reason: String? = nil)
        throws(LedgerError) -> String
    {
        let creative = try knownCreative(generatedAdId)
        let account = try knownAd(metaAdId)
        let message = try write { (writer: LedgerWriter) throws(LedgerError) -> String in
            if let current = try connection.scalar(
                "SELECT generated_ad_id FROM meta_ad_mapping WHERE meta_ad_id = ?", [.text(metaAdId)])?.text
            {
                if current == creative { return "already linked: \(metaAdId) → \(creative)" }
                guard replace else {
                    throw .conflict(
                        "Meta ad \(metaAdId) is already linked to creative \(current); pass --replace to link it to \(creative) instead")
                }
            }
            try writer.record(
                Self.mappingEvent(
                    .mappingLinked, creative: creative, ad: metaAdId, account: account, method: "manual", actor: actor,
                    reason: reason))
            return "linked \(metaAdId) → \(creative)"
        }
        try refreshSuggestionsIfStale()
        return message
    }

    /// Removes the active link of a Meta ad (`mapping.unlinked`).
    public func unlink(metaAdId: String, actor: MappingActor, reason: String? = nil) throws(LedgerError) -> String {
        try write { (writer: LedgerWriter) throws(LedgerError) in
            let rows = try connection.rows(
                "SELECT generated_ad_id, meta_ad_account_id FROM meta_ad_mapping WHERE meta_ad_id = ?", [.text(metaAdId)])
            guard let row = rows.first, let creative = row[0].text else {
                throw .notFound(what: "a link for Meta ad \(metaAdId)", hint: "see `adledger query \"SELECT * FROM meta_ad_mapping\"`")
            }
            try writer.record(
                Self.mappingEvent(
                    .mappingUnlinked, creative: creative, ad: metaAdId, account: row[1].text, method: "manual",
                    actor: actor, reason: reason))
        }
        try refreshSuggestionsIfStale()
        return "unlinked \(metaAdId)"
    }

    /// Records that a creative is not the one behind a Meta ad (`mapping.rejected`); it is never suggested
    /// for that ad again. An active link of that very pair is removed.
    public func reject(generatedAdId: String, metaAdId: String, actor: MappingActor, reason: String?) throws(LedgerError)
        -> String
    {
        let creative = try knownCreative(generatedAdId)
        let account = try knownAd(metaAdId)
        try write { (writer: LedgerWriter) throws(LedgerError) in
            let linked = try connection.scalar(
                "SELECT 1 FROM meta_ad_mapping WHERE meta_ad_id = ? AND generated_ad_id = ?",
                [.text(metaAdId), .text(creative)]) != nil
            if linked {
                try writer.record(
                    Self.mappingEvent(
                        .mappingUnlinked, creative: creative, ad: metaAdId, account: account, method: "manual",
                        actor: actor, reason: reason ?? "rejected"))
            }
            try writer.record(
                Self.mappingEvent(
                    .mappingRejected, creative: creative, ad: metaAdId, account: account, method: "manual", actor: actor,
                    reason: reason))
        }
        try refreshSuggestionsIfStale()
        return "rejected \(creative) for \(metaAdId)"
    }

    /// Links every `exact` suggestion (method `auto`) in one transaction; returns how many.
    public func autoLink(actor: MappingActor) throws(LedgerError) -> Int {
        try refreshSuggestionsIfStale()
        let count = try write { (writer: LedgerWriter) throws(LedgerError) -> Int in
            let rows = try connection.rows(
                """
                SELECT s.meta_ad_id, s.generated_ad_id, s.meta_ad_account_id FROM match_suggestions s
                WHERE s.kind = 'exact' AND s.generated_ad_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM meta_ad_mapping m WHERE m.meta_ad_id = s.meta_ad_id)
                ORDER BY s.meta_ad_id
                """)
            for row in rows {
                guard let ad = row[0].text, let creative = row[1].text else { continue }
                try writer.record(
                    Self.mappingEvent(
                        .mappingLinked, creative: creative, ad: ad, account: row[2].text, method: "auto", actor: actor,
                        reason: "exact short_id match"))
            }
            return rows.count
        }
        try refreshSuggestionsIfStale()
        return count
    }

    private static func mappingEvent(
        _ kind: EventKind, creative: String, ad: String, account: String?, method: String, actor: MappingActor,
        reason: String?
    ) -> NewEvent {
        NewEvent(
            kind: kind, stream: "mapping:\(ad)",
            payload: .object([
                ("generated_ad_id", .string(creative)), ("meta_ad_id", .string(ad)),
                ("meta_ad_account_id", account.map(JSONValue.string) ?? .null), ("method", .string(method)),
                ("actor", .string(actor.name)), ("reason", reason.map(JSONValue.string) ?? .null),
            ]))
    }

    private func knownCreative(_ id: String) throws(LedgerError) -> String {
        let lower = id.lowercased()
        guard try connection.scalar("SELECT 1 FROM generated_ads WHERE id = ?", [.text(lower)]) != nil else {
            throw .notFound(what: "creative \(id)", hint: "import it with `adledger creatives import FILE` (ids are full UUIDs)")
        }
        return lower
    }

    /// The account of a Meta ad the ledger has rows for.
    private func knownAd(_ id: String) throws(LedgerError) -> String? {
        let rows = try connection.rows(
            "SELECT meta_ad_account_id FROM meta_ads_performance WHERE meta_ad_id = ? ORDER BY date DESC LIMIT 1",
            [.text(id)])
        guard let row = rows.first else {
            throw .notFound(what: "Meta ad \(id)", hint: "sync or ingest its insights first, then link it")
        }
        return row[0].text
    }
}
