-- adledger schema 8: `report_ad_buckets`, the summary `report` reads instead of the 1.8M-row performance index.
-- One row per ad and bucket (the days of one Monday-to-Sunday week that fall in one calendar month, so a bucket
-- belongs to exactly one week and one month) and per value of the attributes `report` groups or filters by.
-- It holds the sums of the additive metric columns (money as exact integer millionths, so incremental upkeep and
-- a rebuild give the same integers whatever the order), the bit mask of the bucket's days that have a row (bit 0
-- = Monday: `days_live` is the number of distinct days per group, the OR of masks per bucket), and the first and
-- last day. A year of 5,000 ads is ~320k rows instead of 1.8M ad-days.
--
-- Upkeep: the triggers below add a new performance row to its bucket's row, and recompute the one bucket a changed
-- or deleted row falls in from its at most 7 rows (through the (meta_ad_id, date) index), whatever wrote the row
-- (ingest, a brand link, a restatement; ingest adds its new ad-days in Swift, SummaryBatch.swift). `rebuild` and
-- `verify` sum it in Swift in one pass over the rebuilt performance table in key order (SummaryBuild.swift; this
-- file's SQL, ReportSummary.swift, when a value is one Swift cannot reproduce exactly), and compare it like every
-- projection. As-of reads never use it: they
-- take the plain query over the as-of performance table.
CREATE TABLE report_ad_buckets (
    meta_ad_id            TEXT NOT NULL,
    bucket                TEXT NOT NULL,
    currency              TEXT,
    brand_id              TEXT,
    meta_ad_account_id    TEXT NOT NULL,
    meta_campaign_id      TEXT,
    meta_adset_id         TEXT,
    day_mask              INTEGER NOT NULL,
    first_day             TEXT NOT NULL,
    last_day              TEXT NOT NULL,
    spend_micros          INTEGER,
    impressions           INTEGER,
    clicks                INTEGER,
    link_clicks           INTEGER,
    purchases             INTEGER,
    purchase_value_micros INTEGER,
    add_to_carts          INTEGER,
    video_views           INTEGER
);
CREATE INDEX report_ad_buckets_ad ON report_ad_buckets(meta_ad_id, bucket);

INSERT INTO report_ad_buckets(meta_ad_id, bucket, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id, day_mask,
        first_day, last_day, spend_micros, impressions, clicks, link_clicks, purchases, purchase_value_micros,
        add_to_carts, video_views)
SELECT meta_ad_id, max(date(date, 'weekday 0', '-6 days'), substr(date, 1, 8) || '01'), currency, brand_id,
        meta_ad_account_id, meta_campaign_id, meta_adset_id, sum(1 << ((strftime('%w', date) + 6) % 7)), min(date),
        max(date), sum(CAST(round(spend * 1000000) AS INTEGER)), sum(impressions), sum(clicks), sum(link_clicks),
        sum(purchases), sum(CAST(round(purchase_value * 1000000) AS INTEGER)), sum(add_to_carts), sum(video_views)
    FROM meta_ads_performance
    GROUP BY meta_ad_id, 2, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id;

-- A new row is a new day of its ad (one row per ad and date), so it is added to its bucket's row (or starts one):
-- the same integers a recomputation gives, without reading the bucket's other days.
CREATE TRIGGER report_ad_buckets_insert AFTER INSERT ON meta_ads_performance
BEGIN
    UPDATE report_ad_buckets SET
        day_mask = day_mask | (1 << ((strftime('%w', NEW.date) + 6) % 7)),
        first_day = min(first_day, NEW.date),
        last_day = max(last_day, NEW.date),
        spend_micros = CASE WHEN CAST(round(NEW.spend * 1000000) AS INTEGER) IS NULL THEN spend_micros WHEN spend_micros IS NULL THEN CAST(round(NEW.spend * 1000000) AS INTEGER) ELSE spend_micros + CAST(round(NEW.spend * 1000000) AS INTEGER) END,
        impressions = CASE WHEN NEW.impressions IS NULL THEN impressions WHEN impressions IS NULL THEN NEW.impressions ELSE impressions + NEW.impressions END,
        clicks = CASE WHEN NEW.clicks IS NULL THEN clicks WHEN clicks IS NULL THEN NEW.clicks ELSE clicks + NEW.clicks END,
        link_clicks = CASE WHEN NEW.link_clicks IS NULL THEN link_clicks WHEN link_clicks IS NULL THEN NEW.link_clicks ELSE link_clicks + NEW.link_clicks END,
        purchases = CASE WHEN NEW.purchases IS NULL THEN purchases WHEN purchases IS NULL THEN NEW.purchases ELSE purchases + NEW.purchases END,
        purchase_value_micros = CASE WHEN CAST(round(NEW.purchase_value * 1000000) AS INTEGER) IS NULL THEN purchase_value_micros WHEN purchase_value_micros IS NULL THEN CAST(round(NEW.purchase_value * 1000000) AS INTEGER) ELSE purchase_value_micros + CAST(round(NEW.purchase_value * 1000000) AS INTEGER) END,
        add_to_carts = CASE WHEN NEW.add_to_carts IS NULL THEN add_to_carts WHEN add_to_carts IS NULL THEN NEW.add_to_carts ELSE add_to_carts + NEW.add_to_carts END,
        video_views = CASE WHEN NEW.video_views IS NULL THEN video_views WHEN video_views IS NULL THEN NEW.video_views ELSE video_views + NEW.video_views END
    WHERE meta_ad_id = NEW.meta_ad_id AND bucket = max(date(NEW.date, 'weekday 0', '-6 days'), substr(NEW.date, 1, 8) || '01') AND currency IS NEW.currency AND brand_id IS NEW.brand_id AND meta_ad_account_id IS NEW.meta_ad_account_id AND meta_campaign_id IS NEW.meta_campaign_id AND meta_adset_id IS NEW.meta_adset_id;
    INSERT INTO report_ad_buckets(meta_ad_id, bucket, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id, day_mask,
        first_day, last_day, spend_micros, impressions, clicks, link_clicks, purchases, purchase_value_micros,
        add_to_carts, video_views)
    SELECT NEW.meta_ad_id, max(date(NEW.date, 'weekday 0', '-6 days'), substr(NEW.date, 1, 8) || '01'), NEW.currency, NEW.brand_id, NEW.meta_ad_account_id, NEW.meta_campaign_id, NEW.meta_adset_id,
        (1 << ((strftime('%w', NEW.date) + 6) % 7)), NEW.date, NEW.date, CAST(round(NEW.spend * 1000000) AS INTEGER), NEW.impressions, NEW.clicks, NEW.link_clicks, NEW.purchases, CAST(round(NEW.purchase_value * 1000000) AS INTEGER), NEW.add_to_carts, NEW.video_views
    WHERE NOT EXISTS (SELECT 1 FROM report_ad_buckets WHERE meta_ad_id = NEW.meta_ad_id AND bucket = max(date(NEW.date, 'weekday 0', '-6 days'), substr(NEW.date, 1, 8) || '01') AND currency IS NEW.currency AND brand_id IS NEW.brand_id AND meta_ad_account_id IS NEW.meta_ad_account_id AND meta_campaign_id IS NEW.meta_campaign_id AND meta_adset_id IS NEW.meta_adset_id);
END;

CREATE TRIGGER report_ad_buckets_update AFTER UPDATE OF currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id, spend, impressions, clicks, link_clicks, purchases, purchase_value, add_to_carts, video_views, meta_ad_id, date
    ON meta_ads_performance
    WHEN OLD.currency IS NOT NEW.currency OR OLD.brand_id IS NOT NEW.brand_id OR OLD.meta_ad_account_id IS NOT NEW.meta_ad_account_id OR OLD.meta_campaign_id IS NOT NEW.meta_campaign_id OR OLD.meta_adset_id IS NOT NEW.meta_adset_id OR OLD.spend IS NOT NEW.spend OR OLD.impressions IS NOT NEW.impressions OR OLD.clicks IS NOT NEW.clicks OR OLD.link_clicks IS NOT NEW.link_clicks OR OLD.purchases IS NOT NEW.purchases OR OLD.purchase_value IS NOT NEW.purchase_value OR OLD.add_to_carts IS NOT NEW.add_to_carts OR OLD.video_views IS NOT NEW.video_views OR OLD.meta_ad_id IS NOT NEW.meta_ad_id OR OLD.date IS NOT NEW.date
BEGIN
    DELETE FROM report_ad_buckets
    WHERE meta_ad_id = NEW.meta_ad_id AND bucket = max(date(NEW.date, 'weekday 0', '-6 days'), substr(NEW.date, 1, 8) || '01');
    INSERT INTO report_ad_buckets(meta_ad_id, bucket, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id, day_mask,
        first_day, last_day, spend_micros, impressions, clicks, link_clicks, purchases, purchase_value_micros,
        add_to_carts, video_views)
    SELECT meta_ad_id, max(date(date, 'weekday 0', '-6 days'), substr(date, 1, 8) || '01'), currency, brand_id,
        meta_ad_account_id, meta_campaign_id, meta_adset_id, sum(1 << ((strftime('%w', date) + 6) % 7)), min(date),
        max(date), sum(CAST(round(spend * 1000000) AS INTEGER)), sum(impressions), sum(clicks), sum(link_clicks),
        sum(purchases), sum(CAST(round(purchase_value * 1000000) AS INTEGER)), sum(add_to_carts), sum(video_views)
    FROM meta_ads_performance
    WHERE meta_ad_id = NEW.meta_ad_id AND date BETWEEN date(NEW.date, 'weekday 0', '-6 days') AND date(NEW.date, 'weekday 0')
        AND substr(date, 1, 7) = substr(NEW.date, 1, 7)
    GROUP BY meta_ad_id, 2, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id;
    DELETE FROM report_ad_buckets
    WHERE meta_ad_id = OLD.meta_ad_id AND bucket = max(date(OLD.date, 'weekday 0', '-6 days'), substr(OLD.date, 1, 8) || '01')
        AND (OLD.meta_ad_id IS NOT NEW.meta_ad_id OR OLD.date IS NOT NEW.date);
    INSERT INTO report_ad_buckets(meta_ad_id, bucket, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id, day_mask,
        first_day, last_day, spend_micros, impressions, clicks, link_clicks, purchases, purchase_value_micros,
        add_to_carts, video_views)
    SELECT meta_ad_id, max(date(date, 'weekday 0', '-6 days'), substr(date, 1, 8) || '01'), currency, brand_id,
        meta_ad_account_id, meta_campaign_id, meta_adset_id, sum(1 << ((strftime('%w', date) + 6) % 7)), min(date),
        max(date), sum(CAST(round(spend * 1000000) AS INTEGER)), sum(impressions), sum(clicks), sum(link_clicks),
        sum(purchases), sum(CAST(round(purchase_value * 1000000) AS INTEGER)), sum(add_to_carts), sum(video_views)
    FROM meta_ads_performance
    WHERE meta_ad_id = OLD.meta_ad_id AND date BETWEEN date(OLD.date, 'weekday 0', '-6 days') AND date(OLD.date, 'weekday 0')
        AND substr(date, 1, 7) = substr(OLD.date, 1, 7)
        AND (OLD.meta_ad_id IS NOT NEW.meta_ad_id OR OLD.date IS NOT NEW.date)
    GROUP BY meta_ad_id, 2, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id;
END;

CREATE TRIGGER report_ad_buckets_delete AFTER DELETE ON meta_ads_performance
BEGIN
    DELETE FROM report_ad_buckets
    WHERE meta_ad_id = OLD.meta_ad_id AND bucket = max(date(OLD.date, 'weekday 0', '-6 days'), substr(OLD.date, 1, 8) || '01');
    INSERT INTO report_ad_buckets(meta_ad_id, bucket, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id, day_mask,
        first_day, last_day, spend_micros, impressions, clicks, link_clicks, purchases, purchase_value_micros,
        add_to_carts, video_views)
    SELECT meta_ad_id, max(date(date, 'weekday 0', '-6 days'), substr(date, 1, 8) || '01'), currency, brand_id,
        meta_ad_account_id, meta_campaign_id, meta_adset_id, sum(1 << ((strftime('%w', date) + 6) % 7)), min(date),
        max(date), sum(CAST(round(spend * 1000000) AS INTEGER)), sum(impressions), sum(clicks), sum(link_clicks),
        sum(purchases), sum(CAST(round(purchase_value * 1000000) AS INTEGER)), sum(add_to_carts), sum(video_views)
    FROM meta_ads_performance
    WHERE meta_ad_id = OLD.meta_ad_id AND date BETWEEN date(OLD.date, 'weekday 0', '-6 days') AND date(OLD.date, 'weekday 0')
        AND substr(date, 1, 7) = substr(OLD.date, 1, 7)
    GROUP BY meta_ad_id, 2, currency, brand_id, meta_ad_account_id, meta_campaign_id, meta_adset_id;
END;
