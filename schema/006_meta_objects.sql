-- adledger schema 6: Meta's ad sets, ads and ad creatives (the latest of each, from adset.fetched, ad.fetched and
-- adcreative.fetched), each ad's status changes, and what performance rows learn from them. Money in major units.
CREATE TABLE meta_adsets (
    meta_ad_account_id TEXT NOT NULL,
    meta_adset_id      TEXT PRIMARY KEY,
    name               TEXT,
    meta_campaign_id   TEXT,
    status             TEXT,
    effective_status   TEXT,
    daily_budget       REAL,
    lifetime_budget    REAL,
    optimization_goal  TEXT,
    billing_event      TEXT,
    bid_strategy       TEXT,
    synced_at          TEXT NOT NULL
);

CREATE TABLE meta_ads (
    meta_ad_account_id TEXT NOT NULL,
    meta_ad_id         TEXT PRIMARY KEY,
    name               TEXT,
    meta_adset_id      TEXT,
    meta_campaign_id   TEXT,
    effective_status   TEXT,
    configured_status  TEXT,
    meta_creative_id   TEXT,
    created_time       TEXT,
    updated_time       TEXT,
    synced_at          TEXT NOT NULL
);
CREATE INDEX meta_ads_creative ON meta_ads(meta_creative_id);

CREATE TABLE meta_ad_creatives (
    meta_ad_account_id  TEXT NOT NULL,
    meta_creative_id    TEXT PRIMARY KEY,
    name                TEXT,
    object_type         TEXT,
    video_id            TEXT,
    image_hash          TEXT,
    thumbnail_url       TEXT,
    title               TEXT,
    body                TEXT,
    call_to_action_type TEXT,
    link_url            TEXT,
    synced_at           TEXT NOT NULL
);

-- One row per ad.fetched event whose effective_status differs from the ad's previous one.
CREATE TABLE meta_ad_status_changes (
    meta_ad_id       TEXT NOT NULL,
    effective_status TEXT,
    updated_time     TEXT,
    valid_from       TEXT NOT NULL,
    seq              INTEGER PRIMARY KEY
);
CREATE INDEX meta_ad_status_changes_ad ON meta_ad_status_changes(meta_ad_id);

-- "When was this ad paused?": each status an ad had, from the fetch that first saw it (valid_from) to the fetch
-- that saw the next (valid_to, NULL while current); updated_time is Meta's own time of the ad's last change.
CREATE VIEW meta_ad_status_history AS
SELECT meta_ad_id, effective_status, valid_from,
       lead(valid_from) OVER (PARTITION BY meta_ad_id ORDER BY seq) AS valid_to, updated_time
FROM meta_ad_status_changes;

-- What an ad-day's row learns from the objects, as last known: the ad's effective status, whether its creative is
-- a video, its campaign's objective.
ALTER TABLE meta_ads_performance ADD COLUMN ad_status          TEXT;
ALTER TABLE meta_ads_performance ADD COLUMN is_video           INTEGER;
ALTER TABLE meta_ads_performance ADD COLUMN campaign_objective TEXT;
