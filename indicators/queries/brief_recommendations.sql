-- Recommendations to one country by theme and response (voluntary pledges excluded).
SELECT t.code AS theme_code, t.name_en, t.name_ru, t.sort_order,
       count(*) FILTER (WHERE r.response = 'supported') AS supported,
       count(*) FILTER (WHERE r.response = 'noted') AS noted,
       count(*) AS total
FROM recommendation AS r
JOIN recommendation_theme AS rt ON rt.recommendation_id = r.id
JOIN theme AS t ON t.code = rt.theme_code
WHERE r.country_iso3 = $country AND NOT r.is_pledge
GROUP BY ALL
ORDER BY t.sort_order
