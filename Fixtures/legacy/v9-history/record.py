import json, subprocess, sys
binary, db = sys.argv[1], sys.argv[2]
perf = "meta_ad_account_id, brand_id, meta_ad_id, ad_name, meta_adset_id, adset_name, meta_campaign_id, campaign_name, date, currency, spend, impressions, reach, frequency, cpm, clicks, link_clicks, link_ctr, link_cpc, add_to_carts, cost_per_add_to_cart, purchases, purchase_value, roas, conversion_rate, video_views, video_avg_watch_time, video_p25_watched, video_p50_watched, video_p75_watched, video_p95_watched, video_p100_watched, first_fetched_at, fetched_at, revisions, source_seq, vanished_at, landing_page_views, initiate_checkouts, content_views, cost_per_initiate_checkout, cost_per_landing_page_view, video_3s_views, video_thruplays, hook_rate, hold_rate, cpc, attribution, ad_status, is_video, campaign_objective"
history = "SELECT * FROM meta_ads_performance_history ORDER BY seq"
latest = "SELECT " + perf + " FROM meta_ads_performance ORDER BY meta_ad_id, date"
times = ["2026-12-01T14:37:59.707Z", "2026-12-01T14:38:01Z", "2026-12-01T14:38:03.300Z", "2026-12-01T14:38:05Z", "2026-12-01T14:38:07Z"]
commands = [["query", "--format", "csv", history], ["query", "--format", "csv", latest],
            ["history", "2385000000000000", "--format", "csv"],
            ["history", "2385001000000001", "--date", "2025-12-01", "--format", "csv"],
            ["history", "2385002000000002", "--format", "csv"]]
for t in times:
    commands += [["query", "--as-of", t, "--format", "csv", history], ["query", "--as-of", t, "--format", "csv", latest],
                 ["report", "drift", "--as-of", t, "--format", "csv"]]
commands += [["report", "drift", "--format", "csv"], ["report", "drift", "--by", "campaign", "--format", "csv"],
             ["report", "--by", "day", "--format", "csv"], ["report", "--by", "brand", "--format", "csv"]]
out = []
for c in commands:
    r = subprocess.run([binary, "--db", db] + c, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{c}: {r.stderr}")
    out.append({"arguments": c, "output": r.stdout})
json.dump(out, sys.stdout, indent=1)
