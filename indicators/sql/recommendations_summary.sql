-- Recommendations matching the filters: the total, and counts by theme and by cycle of $cycle_kind.
-- Filters: indicators/sql/fragments/recommendations_filtered.sql (shared by the recommendations_*
-- queries); the facets: fragments/recommendations_facets.sql. recommendations_summary_cube gives the
-- same rows from recommendation_summary when its filters are enough.
-- Grain: one row per (facet, code); facet total | theme | cycle.
WITH grouped AS MATERIALIZED (
    -- one scan: the matching rows counted per UPR cycle code, year and set of themes
    SELECT r.cycle_code, r.year, r.theme_codes, count(*) AS recommendations
    -- @include recommendations_filtered
    GROUP BY ALL
-- @include recommendations_facets
