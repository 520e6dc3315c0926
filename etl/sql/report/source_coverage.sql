-- Per file: the countries, first and last year, indicators and recommendations it holds (as
-- staged, so a file whose rows were already loaded from another file still says what it holds).
SELECT s.source_id,
       string_agg(DISTINCT m.iso3, ' ' ORDER BY m.iso3) AS countries,
       min(s.year) AS first_year, max(s.year) AS last_year,
       count(DISTINCT s.indicator_code) FILTER (WHERE s.indicator_code IS NOT NULL) AS indicators,
       count(*) FILTER (WHERE s.kind = 'recommendation') AS recommendations
FROM (
    SELECT source_id, country, year, indicator_code, 'observation' AS kind FROM stg_observation
    UNION ALL SELECT source_id, country, year, NULL, 'recommendation' FROM stg_recommendation
    UNION ALL SELECT source_id, country, year, NULL, 'ratification' FROM stg_ratification
    UNION ALL SELECT source_id, country, year(date), NULL, 'event' FROM stg_event
) s
LEFT JOIN country_map m ON m.raw = s.country
GROUP BY s.source_id
