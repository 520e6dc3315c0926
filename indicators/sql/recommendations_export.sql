-- Every recommendation matching the filters, every column, for the CSV / Excel download.
-- Filters: indicators/queries/fragments/recommendations_filtered.sql (shared by the three
-- recommendations_* queries).
-- Grain: one row per recommendation: all columns of recommendation (theme_codes and also_in
-- '; '-joined, as text), then themes (theme codes '; '-joined in theme order; NULL when none), implementation_status
-- and implementation_date (the latest record in implementation; NULL when there is none).
WITH filtered AS MATERIALIZED (
    SELECT r.*
    -- @include recommendations_filtered
), latest AS (
    SELECT recommendation_id, arg_max(status, date) AS implementation_status,
           max(date) AS implementation_date
    FROM implementation
    WHERE recommendation_id IN (SELECT id FROM filtered)
    GROUP BY recommendation_id
)
SELECT f.* REPLACE (array_to_string(f.theme_codes, '; ') AS theme_codes,
                    nullif(array_to_string(f.also_in, '; '), '') AS also_in),
       nullif(array_to_string(f.theme_codes, '; '), '') AS themes,
       l.implementation_status, l.implementation_date
FROM filtered f
LEFT JOIN latest l ON l.recommendation_id = f.id
ORDER BY f.year DESC, f.country_iso3, f.session NULLS LAST, f.id
