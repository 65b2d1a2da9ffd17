-- adledger schema 2: the projections people query. Rebuilt from the log by `adledger rebuild`.
CREATE TABLE projection_state (
    name               TEXT PRIMARY KEY,
    last_seq           INTEGER NOT NULL,
    normalizer_version INTEGER NOT NULL
);

CREATE TABLE meta_ads_performance (
    meta_ad_account_id   TEXT NOT NULL,
    brand_id             TEXT,
    meta_ad_id           TEXT NOT NULL,
    ad_name              TEXT,
    meta_adset_id        TEXT,
    adset_name           TEXT,
    meta_campaign_id     TEXT,
    campaign_name        TEXT,
    date                 TEXT NOT NULL,
    currency             TEXT,
    spend                REAL,
    impressions          INTEGER,
    reach                INTEGER,
    frequency            REAL,
    cpm                  REAL,
    clicks               INTEGER,
    link_clicks          INTEGER,
    link_ctr             REAL,
    link_cpc             REAL,
    add_to_carts         INTEGER,
    cost_per_add_to_cart REAL,
    purchases            INTEGER,
    purchase_value       REAL,
    roas                 REAL,
    conversion_rate      REAL,
    video_views          INTEGER,
    video_avg_watch_time REAL,
    video_p25_watched    INTEGER,
    video_p50_watched    INTEGER,
    video_p75_watched    INTEGER,
    video_p95_watched    INTEGER,
    video_p100_watched   INTEGER,
    raw_actions          TEXT,
    raw_costs            TEXT,
    raw_action_values    TEXT,
    first_fetched_at     TEXT NOT NULL,
    fetched_at           TEXT NOT NULL,
    revisions            INTEGER NOT NULL,
    source_seq           INTEGER NOT NULL,
    vanished_at          TEXT,
    UNIQUE (meta_ad_id, date)
);
CREATE INDEX meta_ads_performance_brand ON meta_ads_performance(brand_id);
CREATE INDEX meta_ads_performance_date ON meta_ads_performance(date);
CREATE INDEX meta_ads_performance_ad_name ON meta_ads_performance(ad_name);
CREATE INDEX meta_ads_performance_account ON meta_ads_performance(meta_ad_account_id);

CREATE TABLE meta_ads_performance_history (
    meta_ad_account_id   TEXT NOT NULL,
    brand_id             TEXT,
    meta_ad_id           TEXT NOT NULL,
    ad_name              TEXT,
    meta_adset_id        TEXT,
    adset_name           TEXT,
    meta_campaign_id     TEXT,
    campaign_name        TEXT,
    date                 TEXT NOT NULL,
    currency             TEXT,
    spend                REAL,
    impressions          INTEGER,
    reach                INTEGER,
    frequency            REAL,
    cpm                  REAL,
    clicks               INTEGER,
    link_clicks          INTEGER,
    link_ctr             REAL,
    link_cpc             REAL,
    add_to_carts         INTEGER,
    cost_per_add_to_cart REAL,
    purchases            INTEGER,
    purchase_value       REAL,
    roas                 REAL,
    conversion_rate      REAL,
    video_views          INTEGER,
    video_avg_watch_time REAL,
    video_p25_watched    INTEGER,
    video_p50_watched    INTEGER,
    video_p75_watched    INTEGER,
    video_p95_watched    INTEGER,
    video_p100_watched   INTEGER,
    raw_actions          TEXT,
    raw_costs            TEXT,
    raw_action_values    TEXT,
    valid_from           TEXT NOT NULL,
    valid_to             TEXT,
    seq                  INTEGER NOT NULL UNIQUE
);
CREATE INDEX meta_ads_performance_history_ad_date ON meta_ads_performance_history(meta_ad_id, date);
CREATE INDEX meta_ads_performance_history_valid_from ON meta_ads_performance_history(valid_from);

-- Breakdown rows (e.g. product_id) split an ad-day into parts; meta_ads_performance holds their total.
-- The latest event of each part, so a restated part replaces only itself.
CREATE TABLE insight_parts (
    meta_ad_id TEXT NOT NULL,
    date       TEXT NOT NULL,
    part       TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (meta_ad_id, date, part)
) WITHOUT ROWID;

CREATE TABLE meta_ad_accounts (
    id            TEXT PRIMARY KEY,
    name          TEXT,
    currency      TEXT,
    timezone_name TEXT,
    status        TEXT
);

CREATE TABLE brand_ad_accounts (
    brand_id           TEXT NOT NULL,
    meta_ad_account_id TEXT NOT NULL,
    account_name       TEXT,
    is_primary         INTEGER NOT NULL,
    linked_at          TEXT NOT NULL,
    UNIQUE (brand_id, meta_ad_account_id)
);
CREATE INDEX brand_ad_accounts_account ON brand_ad_accounts(meta_ad_account_id);

CREATE TABLE meta_campaigns (
    meta_ad_account_id TEXT NOT NULL,
    meta_campaign_id   TEXT PRIMARY KEY,
    name               TEXT,
    status             TEXT,
    effective_status   TEXT,
    objective          TEXT,
    daily_budget       REAL,
    lifetime_budget    REAL,
    brand_id           TEXT,
    synced_at          TEXT NOT NULL
);

CREATE TABLE generated_ads (
    id            TEXT PRIMARY KEY,
    short_id      TEXT NOT NULL,
    brand_id      TEXT NOT NULL,
    filename      TEXT NOT NULL,
    concept       TEXT,
    format        TEXT,
    registered_at TEXT NOT NULL
);
CREATE INDEX generated_ads_short_id ON generated_ads(short_id);

CREATE TABLE meta_ad_mapping (
    generated_ad_id    TEXT NOT NULL,
    meta_ad_id         TEXT PRIMARY KEY,
    meta_ad_account_id TEXT,
    meta_campaign_id   TEXT,
    linked_at          TEXT NOT NULL,
    linked_by          TEXT NOT NULL,
    actor              TEXT
);
CREATE INDEX meta_ad_mapping_generated ON meta_ad_mapping(generated_ad_id);

CREATE TABLE match_rejections (
    generated_ad_id TEXT NOT NULL,
    meta_ad_id      TEXT NOT NULL,
    rejected_at     TEXT NOT NULL,
    actor           TEXT,
    reason          TEXT,
    PRIMARY KEY (meta_ad_id, generated_ad_id)
) WITHOUT ROWID;

CREATE TABLE match_suggestions (
    meta_ad_id         TEXT NOT NULL,
    meta_ad_account_id TEXT,
    ad_name            TEXT,
    generated_ad_id    TEXT,
    short_id           TEXT NOT NULL,
    kind               TEXT NOT NULL
);
-- No index: the table is rewritten whole, in meta_ad_id order, whenever its inputs change.

-- Mapped performance: one row per linked Meta ad-day with its creative's attributes. `report` groups it;
-- shell users can query it directly. Money stays in each row's currency.
CREATE VIEW creative_performance AS
SELECT g.id AS generated_ad_id, g.short_id, g.brand_id, g.concept, g.format, g.filename,
       p.meta_ad_account_id, p.meta_ad_id, p.ad_name, p.date, p.currency, p.spend, p.impressions, p.clicks,
       p.link_clicks, p.purchases, p.purchase_value, p.add_to_carts, p.video_views
FROM meta_ad_mapping m
JOIN generated_ads g ON g.id = m.generated_ad_id
JOIN meta_ads_performance p ON p.meta_ad_id = m.meta_ad_id;
