-- Country profile: recommendations per theme x cycle of the chosen kind (UPR cycles by cycle_code,
-- programming cycles by year), under the shared filters. Grain: theme x cycle.
WITH cycles AS (
    SELECT code, kind, start_date, year(start_date) AS first_year, year(end_date) AS last_year
    FROM cycle
    WHERE kind = $cycle_kind AND ($cycle::VARCHAR IS NULL OR code = $cycle)
),
recs AS (
    SELECT rt.theme_code, r.cycle_code, r.year, count(*) AS recommendations
    FROM recommendation r
    JOIN recommendation_theme rt ON rt.recommendation_id = r.id
    WHERE r.country_iso3 = $country
      AND ($mechanism::VARCHAR IS NULL OR r.mechanism = $mechanism)
      AND r.year BETWEEN $year_from AND $year_to
      AND ($theme::VARCHAR IS NULL OR rt.theme_code = $theme)
    GROUP BY ALL
)
SELECT recs.theme_code, c.code AS cycle_code, sum(recs.recommendations)::BIGINT AS recommendations,
       min(recs.year) AS first_year, max(recs.year) AS last_year
FROM recs
JOIN cycles c
  ON (c.kind = 'upr' AND recs.cycle_code = c.code)
  OR (c.kind = 'programming' AND recs.year BETWEEN c.first_year AND c.last_year)
GROUP BY recs.theme_code, c.code, c.start_date
ORDER BY c.start_date, recs.theme_code
