-- adledger schema 15: `meta_ads_performance_ad_name` goes. No adledger command reads through it (report, history,
-- as-of, the shell's own commands and the suggestions read by ad id, day, account or brand), and the ad-hoc filter
-- it served is mostly spelled `ad_name LIKE '%…%'`, which no index serves: an exact `ad_name = '…'` scans the table
-- instead (~40 ms at 200k ad-days, 0.2 s at 1M). It took 40 of each version's ~840 bytes at 200k versions, the
-- ad name once more in random order. To find an ad by name cheaply, ask `match_suggestions` or `meta_ads` (one row
-- per ad) for its id, then filter the performance rows by `meta_ad_id`.
DROP INDEX IF EXISTS meta_ads_performance_ad_name;
