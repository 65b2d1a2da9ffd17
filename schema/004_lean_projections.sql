-- adledger schema 4: projections hold no raw arrays; the payload they came from is one seq away.
-- The action arrays were ~1.5 KB of each performance and history row, copies of what the payload holds.
ALTER TABLE meta_ads_performance DROP COLUMN raw_actions;
ALTER TABLE meta_ads_performance DROP COLUMN raw_costs;
ALTER TABLE meta_ads_performance DROP COLUMN raw_action_values;
ALTER TABLE meta_ads_performance_history DROP COLUMN raw_actions;
ALTER TABLE meta_ads_performance_history DROP COLUMN raw_costs;
ALTER TABLE meta_ads_performance_history DROP COLUMN raw_action_values;

-- The successor of json_each(raw_actions): every action-type value of each ad-day as Meta sent it, one row per
-- (list, action_type, window): list is 'actions', 'action_values' or 'cost_per_action_type'; window is 'value'
-- (the account's attribution setting) or a window key such as '7d_click' or '1d_view'. Read from the payload of
-- the row's source_seq with adledger_payload(), so it needs adledger's `query`/`shell` (plain sqlite3 lacks the
-- function), and as-of queries see the actions as of their time. For an ad-day split into breakdown parts it
-- shows the latest part's arrays.
CREATE VIEW meta_ads_actions AS
WITH fetched AS (
    SELECT meta_ad_account_id, meta_ad_id, date, adledger_payload(source_seq) -> '$.row' AS row
    FROM meta_ads_performance
)
SELECT f.meta_ad_account_id, f.meta_ad_id, f.date, l.list, a.value ->> 'action_type' AS action_type,
       w.key AS window, w.value + 0 AS value
FROM fetched f
JOIN (SELECT 'actions' AS list UNION ALL SELECT 'action_values' UNION ALL SELECT 'cost_per_action_type') l
JOIN json_each(f.row, '$.' || l.list) a
JOIN json_each(a.value) w ON w.key <> 'action_type';

-- Indexes, and the query each one serves (everything else is a key lookup or a scan in key order):
--   events UNIQUE(stream, version)            the append's stream check; `history`'s and as-of's part lookups
--   events_kind                               `events --kind`, match_suggestions staleness (max seq of its input
--                                             kinds), unfinished sync chunks, as-of's replay of non-insight kinds
--   payloads UNIQUE(hash)                     the event → payload join of every read
--   meta_ads_performance UNIQUE(meta_ad_id, date), _brand, _date, _ad_name, _account
--                                             the upsert; `report` and shell filters by brand, day, ad name and
--                                             account (DESIGN §3)
--   meta_ads_performance_history_ad_date      closing the previous version on append; `history META_AD_ID`
--   meta_ads_performance_history_valid_from   as-of: the versions current at a time
-- events_recorded_at served nothing an index on kind or seq does not (recorded_at grows with seq, and every
-- query filtering on it also filters on kind): 37 bytes per version.
DROP INDEX events_recorded_at;
