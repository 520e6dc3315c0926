-- Typed tidy values as the canonical `observation` frame; disaggregations in canonical form
-- (computed once per distinct text).
WITH disaggregation_map AS (
    SELECT text, canonical_disaggregation(text) AS canonical
    FROM (SELECT DISTINCT coalesce(trim(disaggregation), '') AS text FROM staged)
)
SELECT trim(s.indicator) AS indicator_code, trim(s.country) AS country, CAST(s.year AS INTEGER) AS year, s.value,
       s.lower, s.upper, d.canonical AS disaggregation, nullif(trim(s.note), '') AS note,
       s.source_row AS "row"
FROM staged s
JOIN disaggregation_map d ON d.text = coalesce(trim(s.disaggregation), '')
