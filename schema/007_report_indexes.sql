-- adledger schema 7: indexes that let `report` and `report drift` read narrow index entries instead of whole
-- performance rows (which carry raw action arrays). Every column a report groups by, filters on or sums, in
-- (meta_ad_id, date) order, so a full scan reads this index alone. A new summed metric column belongs here too.
CREATE INDEX meta_ads_performance_report ON meta_ads_performance(meta_ad_id, date, currency, brand_id,
    meta_ad_account_id, meta_campaign_id, meta_adset_id, first_fetched_at, spend, impressions, clicks, link_clicks,
    purchases, purchase_value, add_to_carts, video_views);

-- Replaced versions only (valid_to set): what `report drift` compares with the latest values.
CREATE INDEX meta_ads_performance_history_replaced ON meta_ads_performance_history(meta_ad_id, date, valid_from,
    valid_to, spend, impressions, clicks, link_clicks, purchases, purchase_value, add_to_carts, video_views)
    WHERE valid_to IS NOT NULL;
