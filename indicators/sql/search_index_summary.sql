-- recommendation_summary in its stored order (row k is the row whose rowid is k): a search's counts by
-- country, mechanism, cycle, year, response, pledge, source and set of themes are these rows, each with
-- the number of matched texts it holds (indicators/search_summary.py).
SELECT country_iso3, mechanism, cycle_code, year, response, is_pledge, source_id, theme_codes, recommendations
FROM recommendation_summary
ORDER BY rowid
