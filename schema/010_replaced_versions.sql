-- adledger schema 10: the history holds replaced versions only. Every current version was stored twice, once in
-- meta_ads_performance and once in meta_ads_performance_history (273 of the 1,635 bytes per version at 200k
-- versions, plus 78 of history indexes). `meta_ads_performance_replaced` now holds the versions a later fetch
-- replaced (valid_to set), and `meta_ads_performance_history` is a view with the same columns, in the same order,
-- giving the same rows: the replaced versions, then each ad-day's current version read from its performance row
-- (valid_from: when the event `source_seq` was recorded; valid_to NULL; seq = source_seq).
--
-- A performance row's value columns are its current version's, but for one: a brand link or unlink changes
-- `brand_id` of the account's rows and not of their current history version. `version_brand_id` keeps that
-- version's brand when it differs (x'' for none; NULL when it is brand_id), so the view gives it as before.
CREATE TABLE meta_ads_performance_replaced (
    meta_ad_account_id         TEXT NOT NULL,
    brand_id                   TEXT,
    meta_ad_id                 TEXT NOT NULL,
    ad_name                    TEXT,
    meta_adset_id              TEXT,
    adset_name                 TEXT,
    meta_campaign_id           TEXT,
    campaign_name              TEXT,
    date                       TEXT NOT NULL,
    currency                   TEXT,
    spend                      REAL,
    impressions                INTEGER,
    reach                      INTEGER,
    frequency                  REAL,
    cpm                        REAL,
    clicks                     INTEGER,
    link_clicks                INTEGER,
    link_ctr                   REAL,
    link_cpc                   REAL,
    add_to_carts               INTEGER,
    cost_per_add_to_cart       REAL,
    purchases                  INTEGER,
    purchase_value             REAL,
    roas                       REAL,
    conversion_rate            REAL,
    video_views                INTEGER,
    video_avg_watch_time       REAL,
    video_p25_watched          INTEGER,
    video_p50_watched          INTEGER,
    video_p75_watched          INTEGER,
    video_p95_watched          INTEGER,
    video_p100_watched         INTEGER,
    valid_from                 TEXT NOT NULL,
    valid_to                   TEXT NOT NULL,
    seq                        INTEGER PRIMARY KEY,
    landing_page_views         INTEGER,
    initiate_checkouts         INTEGER,
    content_views              INTEGER,
    cost_per_initiate_checkout REAL,
    cost_per_landing_page_view REAL,
    video_3s_views             INTEGER,
    video_thruplays            INTEGER,
    hook_rate                  REAL,
    hold_rate                  REAL,
    cpc                        REAL,
    attribution                TEXT
);
INSERT INTO meta_ads_performance_replaced(
    meta_ad_account_id, brand_id, meta_ad_id, ad_name, meta_adset_id, adset_name, meta_campaign_id, campaign_name,
    date, currency, spend, impressions, reach, frequency, cpm, clicks, link_clicks, link_ctr, link_cpc,
    add_to_carts, cost_per_add_to_cart, purchases, purchase_value, roas, conversion_rate, video_views,
    video_avg_watch_time, video_p25_watched, video_p50_watched, video_p75_watched, video_p95_watched,
    video_p100_watched, valid_from, valid_to, seq, landing_page_views, initiate_checkouts, content_views,
    cost_per_initiate_checkout, cost_per_landing_page_view, video_3s_views, video_thruplays, hook_rate, hold_rate,
    cpc, attribution)
SELECT
    meta_ad_account_id, brand_id, meta_ad_id, ad_name, meta_adset_id, adset_name, meta_campaign_id, campaign_name,
    date, currency, spend, impressions, reach, frequency, cpm, clicks, link_clicks, link_ctr, link_cpc,
    add_to_carts, cost_per_add_to_cart, purchases, purchase_value, roas, conversion_rate, video_views,
    video_avg_watch_time, video_p25_watched, video_p50_watched, video_p75_watched, video_p95_watched,
    video_p100_watched, valid_from, valid_to, seq, landing_page_views, initiate_checkouts, content_views,
    cost_per_initiate_checkout, cost_per_landing_page_view, video_3s_views, video_thruplays, hook_rate, hold_rate,
    cpc, attribution
FROM meta_ads_performance_history WHERE valid_to IS NOT NULL ORDER BY seq;

ALTER TABLE meta_ads_performance ADD COLUMN version_brand_id TEXT;
UPDATE meta_ads_performance AS p SET version_brand_id = ifnull(h.brand_id, x'')
FROM meta_ads_performance_history h
WHERE h.seq = p.source_seq AND h.valid_to IS NULL AND h.brand_id IS NOT p.brand_id;

-- The triggers that read the old table go with it (the history's own go with DROP TABLE) and come back below.
DROP TRIGGER drift_segments_performance_insert_replaced;
DROP TRIGGER drift_segments_performance_update_replaced;
DROP TRIGGER drift_segments_performance_delete;
DROP TABLE meta_ads_performance_history;

CREATE VIEW meta_ads_performance_history AS
SELECT
    meta_ad_account_id, brand_id, meta_ad_id, ad_name, meta_adset_id, adset_name, meta_campaign_id, campaign_name,
    date, currency, spend, impressions, reach, frequency, cpm, clicks, link_clicks, link_ctr, link_cpc,
    add_to_carts, cost_per_add_to_cart, purchases, purchase_value, roas, conversion_rate, video_views,
    video_avg_watch_time, video_p25_watched, video_p50_watched, video_p75_watched, video_p95_watched,
    video_p100_watched, valid_from, valid_to, seq, landing_page_views, initiate_checkouts, content_views,
    cost_per_initiate_checkout, cost_per_landing_page_view, video_3s_views, video_thruplays, hook_rate, hold_rate,
    cpc, attribution
FROM meta_ads_performance_replaced
UNION ALL
SELECT
    p.meta_ad_account_id,
    CASE WHEN p.version_brand_id IS NULL THEN p.brand_id WHEN p.version_brand_id = x'' THEN NULL ELSE p.version_brand_id END,
    p.meta_ad_id, p.ad_name, p.meta_adset_id, p.adset_name, p.meta_campaign_id, p.campaign_name, p.date, p.currency,
    p.spend, p.impressions, p.reach, p.frequency, p.cpm, p.clicks, p.link_clicks, p.link_ctr, p.link_cpc,
    p.add_to_carts, p.cost_per_add_to_cart, p.purchases, p.purchase_value, p.roas, p.conversion_rate, p.video_views,
    p.video_avg_watch_time, p.video_p25_watched, p.video_p50_watched, p.video_p75_watched, p.video_p95_watched,
    p.video_p100_watched, (SELECT e.recorded_at FROM events e WHERE e.seq = p.source_seq), NULL, p.source_seq,
    p.landing_page_views, p.initiate_checkouts, p.content_views, p.cost_per_initiate_checkout,
    p.cost_per_landing_page_view, p.video_3s_views, p.video_thruplays, p.hook_rate, p.hold_rate, p.cpc,
    p.attribution
FROM meta_ads_performance p;

-- Indexes of the new table, and the query each one serves:
--   seq (INTEGER PRIMARY KEY)                 the rebuild/verify comparison (in seq order) and as-of's version count
--   meta_ads_performance_replaced_ad_date     `history META_AD_ID [DATE]`; the drift triggers and SummaryBatch, which
--                                             re-measure one ad-day's replaced versions
-- As-of reads every version recorded by its time: the current ones are a scan of meta_ads_performance, so an index
-- on valid_from would save at most a scan of this (smaller) table.
CREATE INDEX meta_ads_performance_replaced_ad_date ON meta_ads_performance_replaced(meta_ad_id, date);

-- Schema 7's covering index served `report` and `report drift` before schemas 8 and 9 gave them summaries; what
-- still reads performance rows (a report by day, as-of reads) reads them through the table (124 bytes per version).
DROP INDEX meta_ads_performance_report;

-- Schema 9's upkeep of drift_segments, over the new table. It holds only replaced versions, so the conditions on
-- valid_to always hold; they stay, so each trigger reads as schema 9's.
CREATE TRIGGER drift_segments_performance_insert_replaced AFTER INSERT ON meta_ads_performance
    WHEN EXISTS (SELECT 1 FROM meta_ads_performance_replaced h
        WHERE h.meta_ad_id = NEW.meta_ad_id AND h.date = NEW.date AND h.valid_to IS NOT NULL)
BEGIN
    INSERT INTO drift_segments(is_latest, meta_ad_account_id, meta_campaign_id, currency, date, from_day, to_day, versions, spend_micros, spend_n, impressions_micros, impressions_n, clicks_micros, clicks_n, link_clicks_micros, link_clicks_n, purchases_micros, purchases_n, purchase_value_micros, purchase_value_n, add_to_carts_micros, add_to_carts_n, video_views_micros, video_views_n)
    SELECT 0, NEW.meta_ad_account_id, NEW.meta_campaign_id, NEW.currency, NEW.date, c.f, c.t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM (SELECT substr(h.valid_from, 1, 10) AS f, substr(h.valid_to, 1, 10) AS t, count(*) AS n, sum(CAST(round((coalesce(h.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.spend, 0)) * 1000000) AS INTEGER)) AS spend, sum(CAST(round((coalesce(h.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.impressions, 0)) * 1000000) AS INTEGER)) AS impressions, sum(CAST(round((coalesce(h.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.clicks, 0)) * 1000000) AS INTEGER)) AS clicks, sum(CAST(round((coalesce(h.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.link_clicks, 0)) * 1000000) AS INTEGER)) AS link_clicks, sum(CAST(round((coalesce(h.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.purchases, 0)) * 1000000) AS INTEGER)) AS purchases, sum(CAST(round((coalesce(h.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.purchase_value, 0)) * 1000000) AS INTEGER)) AS purchase_value, sum(CAST(round((coalesce(h.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.add_to_carts, 0)) * 1000000) AS INTEGER)) AS add_to_carts, sum(CAST(round((coalesce(h.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.video_views, 0)) * 1000000) AS INTEGER)) AS video_views
        FROM meta_ads_performance_replaced h
        WHERE h.meta_ad_id = NEW.meta_ad_id AND h.date = NEW.date AND h.valid_to IS NOT NULL
        GROUP BY 1, 2) AS c
    WHERE NOT EXISTS (SELECT 1 FROM drift_segments d WHERE d.is_latest = 0 AND d.meta_ad_account_id = NEW.meta_ad_account_id AND ifnull(d.meta_campaign_id, x'') = ifnull(NEW.meta_campaign_id, x'') AND ifnull(d.currency, x'') = ifnull(NEW.currency, x'') AND d.date = NEW.date AND d.from_day = c.f AND ifnull(d.to_day, x'') = c.t);
    UPDATE drift_segments SET versions = versions + c.n, spend_micros = spend_micros + c.spend, spend_n = spend_n + c.n, impressions_micros = impressions_micros + c.impressions, impressions_n = impressions_n + c.n, clicks_micros = clicks_micros + c.clicks, clicks_n = clicks_n + c.n, link_clicks_micros = link_clicks_micros + c.link_clicks, link_clicks_n = link_clicks_n + c.n, purchases_micros = purchases_micros + c.purchases, purchases_n = purchases_n + c.n, purchase_value_micros = purchase_value_micros + c.purchase_value, purchase_value_n = purchase_value_n + c.n, add_to_carts_micros = add_to_carts_micros + c.add_to_carts, add_to_carts_n = add_to_carts_n + c.n, video_views_micros = video_views_micros + c.video_views, video_views_n = video_views_n + c.n
    FROM (SELECT substr(h.valid_from, 1, 10) AS f, substr(h.valid_to, 1, 10) AS t, count(*) AS n, sum(CAST(round((coalesce(h.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.spend, 0)) * 1000000) AS INTEGER)) AS spend, sum(CAST(round((coalesce(h.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.impressions, 0)) * 1000000) AS INTEGER)) AS impressions, sum(CAST(round((coalesce(h.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.clicks, 0)) * 1000000) AS INTEGER)) AS clicks, sum(CAST(round((coalesce(h.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.link_clicks, 0)) * 1000000) AS INTEGER)) AS link_clicks, sum(CAST(round((coalesce(h.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.purchases, 0)) * 1000000) AS INTEGER)) AS purchases, sum(CAST(round((coalesce(h.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.purchase_value, 0)) * 1000000) AS INTEGER)) AS purchase_value, sum(CAST(round((coalesce(h.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.add_to_carts, 0)) * 1000000) AS INTEGER)) AS add_to_carts, sum(CAST(round((coalesce(h.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.video_views, 0)) * 1000000) AS INTEGER)) AS video_views
        FROM meta_ads_performance_replaced h
        WHERE h.meta_ad_id = NEW.meta_ad_id AND h.date = NEW.date AND h.valid_to IS NOT NULL
        GROUP BY 1, 2) AS c
    WHERE drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = NEW.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(NEW.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(NEW.currency, x'') AND drift_segments.date = NEW.date AND drift_segments.from_day = c.f AND ifnull(drift_segments.to_day, x'') = c.t;
END;

CREATE TRIGGER drift_segments_performance_update_replaced AFTER UPDATE OF meta_ad_account_id, meta_campaign_id, currency, first_fetched_at, meta_ad_id, date, spend, impressions, clicks, link_clicks, purchases, purchase_value, add_to_carts, video_views
    ON meta_ads_performance
    WHEN (OLD.meta_ad_account_id IS NOT NEW.meta_ad_account_id OR OLD.meta_campaign_id IS NOT NEW.meta_campaign_id OR OLD.currency IS NOT NEW.currency OR OLD.first_fetched_at IS NOT NEW.first_fetched_at OR OLD.meta_ad_id IS NOT NEW.meta_ad_id OR OLD.date IS NOT NEW.date OR OLD.spend IS NOT NEW.spend OR OLD.impressions IS NOT NEW.impressions OR OLD.clicks IS NOT NEW.clicks OR OLD.link_clicks IS NOT NEW.link_clicks OR OLD.purchases IS NOT NEW.purchases OR OLD.purchase_value IS NOT NEW.purchase_value OR OLD.add_to_carts IS NOT NEW.add_to_carts OR OLD.video_views IS NOT NEW.video_views)
        AND EXISTS (SELECT 1 FROM meta_ads_performance_replaced h
            WHERE ((h.meta_ad_id = OLD.meta_ad_id AND h.date = OLD.date) OR (h.meta_ad_id = NEW.meta_ad_id AND h.date = NEW.date))
                AND h.valid_to IS NOT NULL)
BEGIN
    UPDATE drift_segments SET versions = versions - c.n, spend_micros = spend_micros - c.spend, spend_n = spend_n - c.n, impressions_micros = impressions_micros - c.impressions, impressions_n = impressions_n - c.n, clicks_micros = clicks_micros - c.clicks, clicks_n = clicks_n - c.n, link_clicks_micros = link_clicks_micros - c.link_clicks, link_clicks_n = link_clicks_n - c.n, purchases_micros = purchases_micros - c.purchases, purchases_n = purchases_n - c.n, purchase_value_micros = purchase_value_micros - c.purchase_value, purchase_value_n = purchase_value_n - c.n, add_to_carts_micros = add_to_carts_micros - c.add_to_carts, add_to_carts_n = add_to_carts_n - c.n, video_views_micros = video_views_micros - c.video_views, video_views_n = video_views_n - c.n
    FROM (SELECT substr(h.valid_from, 1, 10) AS f, substr(h.valid_to, 1, 10) AS t, count(*) AS n, sum(CAST(round((coalesce(h.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.spend, 0)) * 1000000) AS INTEGER)) AS spend, sum(CAST(round((coalesce(h.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.impressions, 0)) * 1000000) AS INTEGER)) AS impressions, sum(CAST(round((coalesce(h.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.clicks, 0)) * 1000000) AS INTEGER)) AS clicks, sum(CAST(round((coalesce(h.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.link_clicks, 0)) * 1000000) AS INTEGER)) AS link_clicks, sum(CAST(round((coalesce(h.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.purchases, 0)) * 1000000) AS INTEGER)) AS purchases, sum(CAST(round((coalesce(h.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.purchase_value, 0)) * 1000000) AS INTEGER)) AS purchase_value, sum(CAST(round((coalesce(h.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.add_to_carts, 0)) * 1000000) AS INTEGER)) AS add_to_carts, sum(CAST(round((coalesce(h.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.video_views, 0)) * 1000000) AS INTEGER)) AS video_views
        FROM meta_ads_performance_replaced h
        WHERE h.meta_ad_id = OLD.meta_ad_id AND h.date = OLD.date AND h.valid_to IS NOT NULL
        GROUP BY 1, 2) AS c
    WHERE drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = OLD.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(OLD.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(OLD.currency, x'') AND drift_segments.date = OLD.date AND drift_segments.from_day = c.f AND ifnull(drift_segments.to_day, x'') = c.t;
    DELETE FROM drift_segments
    WHERE is_latest = 0 AND meta_ad_account_id = OLD.meta_ad_account_id
        AND ifnull(meta_campaign_id, x'') = ifnull(OLD.meta_campaign_id, x'') AND ifnull(currency, x'') = ifnull(OLD.currency, x'')
        AND date = OLD.date AND versions = 0;
    INSERT INTO drift_segments(is_latest, meta_ad_account_id, meta_campaign_id, currency, date, from_day, to_day, versions, spend_micros, spend_n, impressions_micros, impressions_n, clicks_micros, clicks_n, link_clicks_micros, link_clicks_n, purchases_micros, purchases_n, purchase_value_micros, purchase_value_n, add_to_carts_micros, add_to_carts_n, video_views_micros, video_views_n)
    SELECT 0, NEW.meta_ad_account_id, NEW.meta_campaign_id, NEW.currency, NEW.date, c.f, c.t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM (SELECT substr(h.valid_from, 1, 10) AS f, substr(h.valid_to, 1, 10) AS t, count(*) AS n, sum(CAST(round((coalesce(h.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.spend, 0)) * 1000000) AS INTEGER)) AS spend, sum(CAST(round((coalesce(h.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.impressions, 0)) * 1000000) AS INTEGER)) AS impressions, sum(CAST(round((coalesce(h.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.clicks, 0)) * 1000000) AS INTEGER)) AS clicks, sum(CAST(round((coalesce(h.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.link_clicks, 0)) * 1000000) AS INTEGER)) AS link_clicks, sum(CAST(round((coalesce(h.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.purchases, 0)) * 1000000) AS INTEGER)) AS purchases, sum(CAST(round((coalesce(h.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.purchase_value, 0)) * 1000000) AS INTEGER)) AS purchase_value, sum(CAST(round((coalesce(h.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.add_to_carts, 0)) * 1000000) AS INTEGER)) AS add_to_carts, sum(CAST(round((coalesce(h.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.video_views, 0)) * 1000000) AS INTEGER)) AS video_views
        FROM meta_ads_performance_replaced h
        WHERE h.meta_ad_id = NEW.meta_ad_id AND h.date = NEW.date AND h.valid_to IS NOT NULL
        GROUP BY 1, 2) AS c
    WHERE NOT EXISTS (SELECT 1 FROM drift_segments d WHERE d.is_latest = 0 AND d.meta_ad_account_id = NEW.meta_ad_account_id AND ifnull(d.meta_campaign_id, x'') = ifnull(NEW.meta_campaign_id, x'') AND ifnull(d.currency, x'') = ifnull(NEW.currency, x'') AND d.date = NEW.date AND d.from_day = c.f AND ifnull(d.to_day, x'') = c.t);
    UPDATE drift_segments SET versions = versions + c.n, spend_micros = spend_micros + c.spend, spend_n = spend_n + c.n, impressions_micros = impressions_micros + c.impressions, impressions_n = impressions_n + c.n, clicks_micros = clicks_micros + c.clicks, clicks_n = clicks_n + c.n, link_clicks_micros = link_clicks_micros + c.link_clicks, link_clicks_n = link_clicks_n + c.n, purchases_micros = purchases_micros + c.purchases, purchases_n = purchases_n + c.n, purchase_value_micros = purchase_value_micros + c.purchase_value, purchase_value_n = purchase_value_n + c.n, add_to_carts_micros = add_to_carts_micros + c.add_to_carts, add_to_carts_n = add_to_carts_n + c.n, video_views_micros = video_views_micros + c.video_views, video_views_n = video_views_n + c.n
    FROM (SELECT substr(h.valid_from, 1, 10) AS f, substr(h.valid_to, 1, 10) AS t, count(*) AS n, sum(CAST(round((coalesce(h.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.spend, 0)) * 1000000) AS INTEGER)) AS spend, sum(CAST(round((coalesce(h.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.impressions, 0)) * 1000000) AS INTEGER)) AS impressions, sum(CAST(round((coalesce(h.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.clicks, 0)) * 1000000) AS INTEGER)) AS clicks, sum(CAST(round((coalesce(h.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.link_clicks, 0)) * 1000000) AS INTEGER)) AS link_clicks, sum(CAST(round((coalesce(h.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.purchases, 0)) * 1000000) AS INTEGER)) AS purchases, sum(CAST(round((coalesce(h.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.purchase_value, 0)) * 1000000) AS INTEGER)) AS purchase_value, sum(CAST(round((coalesce(h.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.add_to_carts, 0)) * 1000000) AS INTEGER)) AS add_to_carts, sum(CAST(round((coalesce(h.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(NEW.video_views, 0)) * 1000000) AS INTEGER)) AS video_views
        FROM meta_ads_performance_replaced h
        WHERE h.meta_ad_id = NEW.meta_ad_id AND h.date = NEW.date AND h.valid_to IS NOT NULL
        GROUP BY 1, 2) AS c
    WHERE drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = NEW.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(NEW.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(NEW.currency, x'') AND drift_segments.date = NEW.date AND drift_segments.from_day = c.f AND ifnull(drift_segments.to_day, x'') = c.t;
END;

CREATE TRIGGER drift_segments_performance_delete AFTER DELETE ON meta_ads_performance
BEGIN
    UPDATE drift_segments SET versions = versions - 1, spend_micros = spend_micros - ifnull(CAST(round((OLD.spend) * 1000000) AS INTEGER), 0), spend_n = spend_n - (OLD.spend IS NOT NULL), impressions_micros = impressions_micros - ifnull(CAST(round((OLD.impressions) * 1000000) AS INTEGER), 0), impressions_n = impressions_n - (OLD.impressions IS NOT NULL), clicks_micros = clicks_micros - ifnull(CAST(round((OLD.clicks) * 1000000) AS INTEGER), 0), clicks_n = clicks_n - (OLD.clicks IS NOT NULL), link_clicks_micros = link_clicks_micros - ifnull(CAST(round((OLD.link_clicks) * 1000000) AS INTEGER), 0), link_clicks_n = link_clicks_n - (OLD.link_clicks IS NOT NULL), purchases_micros = purchases_micros - ifnull(CAST(round((OLD.purchases) * 1000000) AS INTEGER), 0), purchases_n = purchases_n - (OLD.purchases IS NOT NULL), purchase_value_micros = purchase_value_micros - ifnull(CAST(round((OLD.purchase_value) * 1000000) AS INTEGER), 0), purchase_value_n = purchase_value_n - (OLD.purchase_value IS NOT NULL), add_to_carts_micros = add_to_carts_micros - ifnull(CAST(round((OLD.add_to_carts) * 1000000) AS INTEGER), 0), add_to_carts_n = add_to_carts_n - (OLD.add_to_carts IS NOT NULL), video_views_micros = video_views_micros - ifnull(CAST(round((OLD.video_views) * 1000000) AS INTEGER), 0), video_views_n = video_views_n - (OLD.video_views IS NOT NULL)
    WHERE is_latest = 1 AND meta_ad_account_id = OLD.meta_ad_account_id AND ifnull(meta_campaign_id, x'') = ifnull(OLD.meta_campaign_id, x'') AND ifnull(currency, x'') = ifnull(OLD.currency, x'') AND date = OLD.date AND from_day = substr(OLD.first_fetched_at, 1, 10) AND ifnull(to_day, x'') = x'';
    DELETE FROM drift_segments WHERE is_latest = 1 AND meta_ad_account_id = OLD.meta_ad_account_id AND ifnull(meta_campaign_id, x'') = ifnull(OLD.meta_campaign_id, x'') AND ifnull(currency, x'') = ifnull(OLD.currency, x'') AND date = OLD.date AND from_day = substr(OLD.first_fetched_at, 1, 10) AND ifnull(to_day, x'') = x'' AND versions = 0;
    UPDATE drift_segments SET versions = versions - c.n, spend_micros = spend_micros - c.spend, spend_n = spend_n - c.n, impressions_micros = impressions_micros - c.impressions, impressions_n = impressions_n - c.n, clicks_micros = clicks_micros - c.clicks, clicks_n = clicks_n - c.n, link_clicks_micros = link_clicks_micros - c.link_clicks, link_clicks_n = link_clicks_n - c.n, purchases_micros = purchases_micros - c.purchases, purchases_n = purchases_n - c.n, purchase_value_micros = purchase_value_micros - c.purchase_value, purchase_value_n = purchase_value_n - c.n, add_to_carts_micros = add_to_carts_micros - c.add_to_carts, add_to_carts_n = add_to_carts_n - c.n, video_views_micros = video_views_micros - c.video_views, video_views_n = video_views_n - c.n
    FROM (SELECT substr(h.valid_from, 1, 10) AS f, substr(h.valid_to, 1, 10) AS t, count(*) AS n, sum(CAST(round((coalesce(h.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.spend, 0)) * 1000000) AS INTEGER)) AS spend, sum(CAST(round((coalesce(h.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.impressions, 0)) * 1000000) AS INTEGER)) AS impressions, sum(CAST(round((coalesce(h.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.clicks, 0)) * 1000000) AS INTEGER)) AS clicks, sum(CAST(round((coalesce(h.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.link_clicks, 0)) * 1000000) AS INTEGER)) AS link_clicks, sum(CAST(round((coalesce(h.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.purchases, 0)) * 1000000) AS INTEGER)) AS purchases, sum(CAST(round((coalesce(h.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.purchase_value, 0)) * 1000000) AS INTEGER)) AS purchase_value, sum(CAST(round((coalesce(h.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.add_to_carts, 0)) * 1000000) AS INTEGER)) AS add_to_carts, sum(CAST(round((coalesce(h.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(OLD.video_views, 0)) * 1000000) AS INTEGER)) AS video_views
        FROM meta_ads_performance_replaced h
        WHERE h.meta_ad_id = OLD.meta_ad_id AND h.date = OLD.date AND h.valid_to IS NOT NULL
        GROUP BY 1, 2) AS c
    WHERE drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = OLD.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(OLD.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(OLD.currency, x'') AND drift_segments.date = OLD.date AND drift_segments.from_day = c.f AND ifnull(drift_segments.to_day, x'') = c.t;
    DELETE FROM drift_segments
    WHERE is_latest = 0 AND meta_ad_account_id = OLD.meta_ad_account_id
        AND ifnull(meta_campaign_id, x'') = ifnull(OLD.meta_campaign_id, x'') AND ifnull(currency, x'') = ifnull(OLD.currency, x'')
        AND date = OLD.date AND versions = 0;
END;

CREATE TRIGGER drift_segments_replaced_insert AFTER INSERT ON meta_ads_performance_replaced
    WHEN NEW.valid_to IS NOT NULL
BEGIN
    INSERT INTO drift_segments(is_latest, meta_ad_account_id, meta_campaign_id, currency, date, from_day, to_day, versions, spend_micros, spend_n, impressions_micros, impressions_n, clicks_micros, clicks_n, link_clicks_micros, link_clicks_n, purchases_micros, purchases_n, purchase_value_micros, purchase_value_n, add_to_carts_micros, add_to_carts_n, video_views_micros, video_views_n)
    SELECT 0, p.meta_ad_account_id, p.meta_campaign_id, p.currency, p.date, substr(NEW.valid_from, 1, 10), substr(NEW.valid_to, 1, 10), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM meta_ads_performance p WHERE p.meta_ad_id = NEW.meta_ad_id AND p.date = NEW.date AND NEW.valid_to IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM drift_segments d WHERE d.is_latest = 0 AND d.meta_ad_account_id = p.meta_ad_account_id AND ifnull(d.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'') AND ifnull(d.currency, x'') = ifnull(p.currency, x'') AND d.date = p.date AND d.from_day = substr(NEW.valid_from, 1, 10) AND ifnull(d.to_day, x'') = substr(NEW.valid_to, 1, 10));
    UPDATE drift_segments SET versions = versions + 1, spend_micros = spend_micros + (CAST(round((coalesce(NEW.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.spend, 0)) * 1000000) AS INTEGER)), spend_n = spend_n + 1, impressions_micros = impressions_micros + (CAST(round((coalesce(NEW.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.impressions, 0)) * 1000000) AS INTEGER)), impressions_n = impressions_n + 1, clicks_micros = clicks_micros + (CAST(round((coalesce(NEW.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.clicks, 0)) * 1000000) AS INTEGER)), clicks_n = clicks_n + 1, link_clicks_micros = link_clicks_micros + (CAST(round((coalesce(NEW.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.link_clicks, 0)) * 1000000) AS INTEGER)), link_clicks_n = link_clicks_n + 1, purchases_micros = purchases_micros + (CAST(round((coalesce(NEW.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.purchases, 0)) * 1000000) AS INTEGER)), purchases_n = purchases_n + 1, purchase_value_micros = purchase_value_micros + (CAST(round((coalesce(NEW.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.purchase_value, 0)) * 1000000) AS INTEGER)), purchase_value_n = purchase_value_n + 1, add_to_carts_micros = add_to_carts_micros + (CAST(round((coalesce(NEW.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.add_to_carts, 0)) * 1000000) AS INTEGER)), add_to_carts_n = add_to_carts_n + 1, video_views_micros = video_views_micros + (CAST(round((coalesce(NEW.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.video_views, 0)) * 1000000) AS INTEGER)), video_views_n = video_views_n + 1
    FROM meta_ads_performance p
    WHERE p.meta_ad_id = NEW.meta_ad_id AND p.date = NEW.date AND NEW.valid_to IS NOT NULL AND drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = p.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(p.currency, x'') AND drift_segments.date = p.date AND drift_segments.from_day = substr(NEW.valid_from, 1, 10) AND ifnull(drift_segments.to_day, x'') = substr(NEW.valid_to, 1, 10);
END;

CREATE TRIGGER drift_segments_replaced_update_removed AFTER UPDATE OF valid_from, valid_to, meta_ad_id, date, spend, impressions, clicks, link_clicks, purchases, purchase_value, add_to_carts, video_views
    ON meta_ads_performance_replaced
    WHEN (OLD.valid_from IS NOT NEW.valid_from OR OLD.valid_to IS NOT NEW.valid_to OR OLD.meta_ad_id IS NOT NEW.meta_ad_id OR OLD.date IS NOT NEW.date OR OLD.spend IS NOT NEW.spend OR OLD.impressions IS NOT NEW.impressions OR OLD.clicks IS NOT NEW.clicks OR OLD.link_clicks IS NOT NEW.link_clicks OR OLD.purchases IS NOT NEW.purchases OR OLD.purchase_value IS NOT NEW.purchase_value OR OLD.add_to_carts IS NOT NEW.add_to_carts OR OLD.video_views IS NOT NEW.video_views) AND OLD.valid_to IS NOT NULL
BEGIN
    UPDATE drift_segments SET versions = versions - 1, spend_micros = spend_micros - (CAST(round((coalesce(OLD.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.spend, 0)) * 1000000) AS INTEGER)), spend_n = spend_n - 1, impressions_micros = impressions_micros - (CAST(round((coalesce(OLD.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.impressions, 0)) * 1000000) AS INTEGER)), impressions_n = impressions_n - 1, clicks_micros = clicks_micros - (CAST(round((coalesce(OLD.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.clicks, 0)) * 1000000) AS INTEGER)), clicks_n = clicks_n - 1, link_clicks_micros = link_clicks_micros - (CAST(round((coalesce(OLD.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.link_clicks, 0)) * 1000000) AS INTEGER)), link_clicks_n = link_clicks_n - 1, purchases_micros = purchases_micros - (CAST(round((coalesce(OLD.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.purchases, 0)) * 1000000) AS INTEGER)), purchases_n = purchases_n - 1, purchase_value_micros = purchase_value_micros - (CAST(round((coalesce(OLD.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.purchase_value, 0)) * 1000000) AS INTEGER)), purchase_value_n = purchase_value_n - 1, add_to_carts_micros = add_to_carts_micros - (CAST(round((coalesce(OLD.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.add_to_carts, 0)) * 1000000) AS INTEGER)), add_to_carts_n = add_to_carts_n - 1, video_views_micros = video_views_micros - (CAST(round((coalesce(OLD.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.video_views, 0)) * 1000000) AS INTEGER)), video_views_n = video_views_n - 1
    FROM meta_ads_performance p
    WHERE p.meta_ad_id = OLD.meta_ad_id AND p.date = OLD.date AND OLD.valid_to IS NOT NULL AND drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = p.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(p.currency, x'') AND drift_segments.date = p.date AND drift_segments.from_day = substr(OLD.valid_from, 1, 10) AND ifnull(drift_segments.to_day, x'') = substr(OLD.valid_to, 1, 10);
    DELETE FROM drift_segments
    WHERE drift_segments.versions = 0 AND EXISTS (SELECT 1 FROM meta_ads_performance p
        WHERE p.meta_ad_id = OLD.meta_ad_id AND p.date = OLD.date AND OLD.valid_to IS NOT NULL AND drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = p.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(p.currency, x'') AND drift_segments.date = p.date AND drift_segments.from_day = substr(OLD.valid_from, 1, 10) AND ifnull(drift_segments.to_day, x'') = substr(OLD.valid_to, 1, 10));
END;

CREATE TRIGGER drift_segments_replaced_update_added AFTER UPDATE OF valid_from, valid_to, meta_ad_id, date, spend, impressions, clicks, link_clicks, purchases, purchase_value, add_to_carts, video_views
    ON meta_ads_performance_replaced
    WHEN (OLD.valid_from IS NOT NEW.valid_from OR OLD.valid_to IS NOT NEW.valid_to OR OLD.meta_ad_id IS NOT NEW.meta_ad_id OR OLD.date IS NOT NEW.date OR OLD.spend IS NOT NEW.spend OR OLD.impressions IS NOT NEW.impressions OR OLD.clicks IS NOT NEW.clicks OR OLD.link_clicks IS NOT NEW.link_clicks OR OLD.purchases IS NOT NEW.purchases OR OLD.purchase_value IS NOT NEW.purchase_value OR OLD.add_to_carts IS NOT NEW.add_to_carts OR OLD.video_views IS NOT NEW.video_views) AND NEW.valid_to IS NOT NULL
BEGIN
    INSERT INTO drift_segments(is_latest, meta_ad_account_id, meta_campaign_id, currency, date, from_day, to_day, versions, spend_micros, spend_n, impressions_micros, impressions_n, clicks_micros, clicks_n, link_clicks_micros, link_clicks_n, purchases_micros, purchases_n, purchase_value_micros, purchase_value_n, add_to_carts_micros, add_to_carts_n, video_views_micros, video_views_n)
    SELECT 0, p.meta_ad_account_id, p.meta_campaign_id, p.currency, p.date, substr(NEW.valid_from, 1, 10), substr(NEW.valid_to, 1, 10), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM meta_ads_performance p WHERE p.meta_ad_id = NEW.meta_ad_id AND p.date = NEW.date AND NEW.valid_to IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM drift_segments d WHERE d.is_latest = 0 AND d.meta_ad_account_id = p.meta_ad_account_id AND ifnull(d.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'') AND ifnull(d.currency, x'') = ifnull(p.currency, x'') AND d.date = p.date AND d.from_day = substr(NEW.valid_from, 1, 10) AND ifnull(d.to_day, x'') = substr(NEW.valid_to, 1, 10));
    UPDATE drift_segments SET versions = versions + 1, spend_micros = spend_micros + (CAST(round((coalesce(NEW.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.spend, 0)) * 1000000) AS INTEGER)), spend_n = spend_n + 1, impressions_micros = impressions_micros + (CAST(round((coalesce(NEW.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.impressions, 0)) * 1000000) AS INTEGER)), impressions_n = impressions_n + 1, clicks_micros = clicks_micros + (CAST(round((coalesce(NEW.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.clicks, 0)) * 1000000) AS INTEGER)), clicks_n = clicks_n + 1, link_clicks_micros = link_clicks_micros + (CAST(round((coalesce(NEW.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.link_clicks, 0)) * 1000000) AS INTEGER)), link_clicks_n = link_clicks_n + 1, purchases_micros = purchases_micros + (CAST(round((coalesce(NEW.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.purchases, 0)) * 1000000) AS INTEGER)), purchases_n = purchases_n + 1, purchase_value_micros = purchase_value_micros + (CAST(round((coalesce(NEW.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.purchase_value, 0)) * 1000000) AS INTEGER)), purchase_value_n = purchase_value_n + 1, add_to_carts_micros = add_to_carts_micros + (CAST(round((coalesce(NEW.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.add_to_carts, 0)) * 1000000) AS INTEGER)), add_to_carts_n = add_to_carts_n + 1, video_views_micros = video_views_micros + (CAST(round((coalesce(NEW.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.video_views, 0)) * 1000000) AS INTEGER)), video_views_n = video_views_n + 1
    FROM meta_ads_performance p
    WHERE p.meta_ad_id = NEW.meta_ad_id AND p.date = NEW.date AND NEW.valid_to IS NOT NULL AND drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = p.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(p.currency, x'') AND drift_segments.date = p.date AND drift_segments.from_day = substr(NEW.valid_from, 1, 10) AND ifnull(drift_segments.to_day, x'') = substr(NEW.valid_to, 1, 10);
END;

CREATE TRIGGER drift_segments_replaced_delete AFTER DELETE ON meta_ads_performance_replaced
    WHEN OLD.valid_to IS NOT NULL
BEGIN
    UPDATE drift_segments SET versions = versions - 1, spend_micros = spend_micros - (CAST(round((coalesce(OLD.spend, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.spend, 0)) * 1000000) AS INTEGER)), spend_n = spend_n - 1, impressions_micros = impressions_micros - (CAST(round((coalesce(OLD.impressions, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.impressions, 0)) * 1000000) AS INTEGER)), impressions_n = impressions_n - 1, clicks_micros = clicks_micros - (CAST(round((coalesce(OLD.clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.clicks, 0)) * 1000000) AS INTEGER)), clicks_n = clicks_n - 1, link_clicks_micros = link_clicks_micros - (CAST(round((coalesce(OLD.link_clicks, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.link_clicks, 0)) * 1000000) AS INTEGER)), link_clicks_n = link_clicks_n - 1, purchases_micros = purchases_micros - (CAST(round((coalesce(OLD.purchases, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.purchases, 0)) * 1000000) AS INTEGER)), purchases_n = purchases_n - 1, purchase_value_micros = purchase_value_micros - (CAST(round((coalesce(OLD.purchase_value, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.purchase_value, 0)) * 1000000) AS INTEGER)), purchase_value_n = purchase_value_n - 1, add_to_carts_micros = add_to_carts_micros - (CAST(round((coalesce(OLD.add_to_carts, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.add_to_carts, 0)) * 1000000) AS INTEGER)), add_to_carts_n = add_to_carts_n - 1, video_views_micros = video_views_micros - (CAST(round((coalesce(OLD.video_views, 0)) * 1000000) AS INTEGER) - CAST(round((coalesce(p.video_views, 0)) * 1000000) AS INTEGER)), video_views_n = video_views_n - 1
    FROM meta_ads_performance p
    WHERE p.meta_ad_id = OLD.meta_ad_id AND p.date = OLD.date AND OLD.valid_to IS NOT NULL AND drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = p.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(p.currency, x'') AND drift_segments.date = p.date AND drift_segments.from_day = substr(OLD.valid_from, 1, 10) AND ifnull(drift_segments.to_day, x'') = substr(OLD.valid_to, 1, 10);
    DELETE FROM drift_segments
    WHERE drift_segments.versions = 0 AND EXISTS (SELECT 1 FROM meta_ads_performance p
        WHERE p.meta_ad_id = OLD.meta_ad_id AND p.date = OLD.date AND OLD.valid_to IS NOT NULL AND drift_segments.is_latest = 0 AND drift_segments.meta_ad_account_id = p.meta_ad_account_id AND ifnull(drift_segments.meta_campaign_id, x'') = ifnull(p.meta_campaign_id, x'') AND ifnull(drift_segments.currency, x'') = ifnull(p.currency, x'') AND drift_segments.date = p.date AND drift_segments.from_day = substr(OLD.valid_from, 1, 10) AND ifnull(drift_segments.to_day, x'') = substr(OLD.valid_to, 1, 10));
END;
