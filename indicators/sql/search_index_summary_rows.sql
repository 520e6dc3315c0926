-- Each text's row of recommendation_summary (its rowid there), in search number order (the
-- recommendation's rowid). recommendation_summary groups the recommendations by exactly these columns
-- (GROUP BY ALL: missing values form one group), so every text has one row.
-- Grain: one row per recommendation.
SELECT s.rowid AS summary_row
FROM recommendation r
JOIN recommendation_summary s
  ON s.country_iso3 = r.country_iso3 AND s.mechanism = r.mechanism AND s.source_id = r.source_id
 AND s.is_pledge = r.is_pledge AND s.theme_codes = r.theme_codes
 AND s.cycle_code IS NOT DISTINCT FROM r.cycle_code AND s.year IS NOT DISTINCT FROM r.year
 AND s.response IS NOT DISTINCT FROM r.response
ORDER BY r.rowid
