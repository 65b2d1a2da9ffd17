-- adledger schema 5: normalizer version 2's columns (DESIGN §4). Added, never renamed: every v1 column stays.
-- A ledger upgraded from schema 2 holds NULL in them until `adledger rebuild` computes them from the stored payloads.
ALTER TABLE meta_ads_performance ADD COLUMN landing_page_views         INTEGER;
ALTER TABLE meta_ads_performance ADD COLUMN initiate_checkouts         INTEGER;
ALTER TABLE meta_ads_performance ADD COLUMN content_views              INTEGER;
ALTER TABLE meta_ads_performance ADD COLUMN cost_per_initiate_checkout REAL;
ALTER TABLE meta_ads_performance ADD COLUMN cost_per_landing_page_view REAL;
ALTER TABLE meta_ads_performance ADD COLUMN video_3s_views             INTEGER;
ALTER TABLE meta_ads_performance ADD COLUMN video_thruplays            INTEGER;
ALTER TABLE meta_ads_performance ADD COLUMN hook_rate                  REAL;
ALTER TABLE meta_ads_performance ADD COLUMN hold_rate                  REAL;
ALTER TABLE meta_ads_performance ADD COLUMN cpc                        REAL;
ALTER TABLE meta_ads_performance ADD COLUMN attribution                TEXT;

ALTER TABLE meta_ads_performance_history ADD COLUMN landing_page_views         INTEGER;
ALTER TABLE meta_ads_performance_history ADD COLUMN initiate_checkouts         INTEGER;
ALTER TABLE meta_ads_performance_history ADD COLUMN content_views              INTEGER;
ALTER TABLE meta_ads_performance_history ADD COLUMN cost_per_initiate_checkout REAL;
ALTER TABLE meta_ads_performance_history ADD COLUMN cost_per_landing_page_view REAL;
ALTER TABLE meta_ads_performance_history ADD COLUMN video_3s_views             INTEGER;
ALTER TABLE meta_ads_performance_history ADD COLUMN video_thruplays            INTEGER;
ALTER TABLE meta_ads_performance_history ADD COLUMN hook_rate                  REAL;
ALTER TABLE meta_ads_performance_history ADD COLUMN hold_rate                  REAL;
ALTER TABLE meta_ads_performance_history ADD COLUMN cpc                        REAL;
ALTER TABLE meta_ads_performance_history ADD COLUMN attribution                TEXT;
