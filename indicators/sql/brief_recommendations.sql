-- Recommendations to one country by theme and response (voluntary pledges excluded), then one row for
-- all recommendations (theme_code NULL; each recommendation once, themed or not).
WITH recs AS (
    SELECT id, response FROM recommendation WHERE country_iso3 = $country AND NOT is_pledge
)
SELECT t.code AS theme_code, t.name_en, t.name_ru, t.sort_order,
       count(*) FILTER (WHERE r.response = 'supported') AS supported,
       count(*) FILTER (WHERE r.response = 'noted') AS noted,
       count(*) AS total
FROM recs AS r
JOIN recommendation_theme AS rt ON rt.recommendation_id = r.id
JOIN theme AS t ON t.code = rt.theme_code
GROUP BY ALL
UNION ALL
SELECT NULL, NULL, NULL, 2147483647,
       count(*) FILTER (WHERE response = 'supported'), count(*) FILTER (WHERE response = 'noted'), count(*)
FROM recs
HAVING count(*) > 0
ORDER BY sort_order
