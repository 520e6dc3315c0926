-- Heatmap: recommendations per country x theme under the shared filters. Grain: country x theme.
WITH chosen AS (
    SELECT code, kind, year(start_date) AS first_year, year(end_date) AS last_year
    FROM cycle WHERE code = $cycle
)
SELECT r.country_iso3, rt.theme_code, count(*) AS recommendations,
       min(r.year) AS first_year, max(r.year) AS last_year
FROM recommendation r
JOIN recommendation_theme rt ON rt.recommendation_id = r.id
WHERE list_contains($countries, r.country_iso3)
  AND ($mechanism::VARCHAR IS NULL OR r.mechanism = $mechanism)
  AND r.year BETWEEN $year_from AND $year_to
  AND ($theme::VARCHAR IS NULL OR rt.theme_code = $theme)
  AND ($cycle::VARCHAR IS NULL
       OR r.cycle_code IN (SELECT code FROM chosen WHERE kind = 'upr')
       OR r.year BETWEEN (SELECT min(first_year) FROM chosen WHERE kind = 'programming')
                     AND (SELECT max(last_year) FROM chosen WHERE kind = 'programming'))
GROUP BY r.country_iso3, rt.theme_code
