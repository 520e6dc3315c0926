-- Recommendations matching the filters and one label's rule (its texts registered as search_hits),
-- counted by country and UPR cycle. Filters: indicators/queries/fragments/recommendations_filtered.sql.
-- Grain: one row per (country_iso3, cycle_code); cycle_code NULL for texts outside UPR cycles.
SELECT r.country_iso3, r.cycle_code, count(*)::BIGINT AS recommendations,
       min(r.year) AS year_min, max(r.year) AS year_max
    -- @include recommendations_filtered
GROUP BY r.country_iso3, r.cycle_code
ORDER BY r.country_iso3, r.cycle_code NULLS LAST
