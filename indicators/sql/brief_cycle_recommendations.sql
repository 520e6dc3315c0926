-- Recommendations received by each country in one cycle (pledges apart) by theme and response, then one
-- all-recommendations row per country (theme_code NULL, each recommendation once); with their source ids.
WITH recs AS (
    SELECT id, country_iso3, response, source_id
    FROM recommendation
    WHERE country_iso3 = ANY($countries) AND cycle_code = $cycle AND NOT is_pledge
)
SELECT r.country_iso3, t.code AS theme_code, t.name_en, t.name_ru, t.sort_order,
       count(*) FILTER (WHERE r.response = 'supported') AS supported,
       count(*) FILTER (WHERE r.response = 'noted') AS noted,
       count(*) AS total,
       list(DISTINCT r.source_id ORDER BY r.source_id) AS source_ids
FROM recs AS r
JOIN recommendation_theme AS rt ON rt.recommendation_id = r.id
JOIN theme AS t ON t.code = rt.theme_code
GROUP BY ALL
UNION ALL
SELECT country_iso3, NULL, NULL, NULL, 2147483647,
       count(*) FILTER (WHERE response = 'supported'), count(*) FILTER (WHERE response = 'noted'), count(*),
       list(DISTINCT source_id ORDER BY source_id)
FROM recs
GROUP BY country_iso3
ORDER BY country_iso3, sort_order
