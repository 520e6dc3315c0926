-- Cards: recommendations per country and cycle of the chosen kind (UPR cycles by cycle_code,
-- programming cycles by the recommendation year), with UPR responses. Grain: country x cycle.
WITH cycles AS (
    SELECT code, kind, name, name_ru, start_date,
           year(start_date) AS first_year, year(end_date) AS last_year
    FROM cycle
    WHERE kind = $cycle_kind AND ($cycle::VARCHAR IS NULL OR code = $cycle)
),
recs AS (
    SELECT r.country_iso3, r.cycle_code, r.year,
           count(*) AS recommendations,
           count(*) FILTER (WHERE r.mechanism = 'upr' AND r.response = 'supported') AS supported,
           count(*) FILTER (WHERE r.mechanism = 'upr' AND r.response = 'noted') AS noted,
           count(*) FILTER (WHERE r.mechanism = 'upr' AND r.is_pledge) AS pledges
    FROM recommendation r
    WHERE list_contains($countries, r.country_iso3)
      AND ($mechanism::VARCHAR IS NULL OR r.mechanism = $mechanism)
      AND r.year BETWEEN $year_from AND $year_to
      AND ($theme::VARCHAR IS NULL OR r.id IN (
            SELECT recommendation_id FROM recommendation_theme WHERE theme_code = $theme))
    GROUP BY ALL
)
SELECT recs.country_iso3, c.code AS cycle_code, c.name AS cycle_name_en, c.name_ru AS cycle_name_ru,
       sum(recs.recommendations)::BIGINT AS recommendations, sum(recs.supported)::BIGINT AS supported,
       sum(recs.noted)::BIGINT AS noted, sum(recs.pledges)::BIGINT AS pledges,
       min(recs.year) AS first_year, max(recs.year) AS last_year
FROM recs
JOIN cycles c
  ON (c.kind = 'upr' AND recs.cycle_code = c.code)
  OR (c.kind = 'programming' AND recs.year BETWEEN c.first_year AND c.last_year)
GROUP BY recs.country_iso3, c.code, c.name, c.name_ru, c.start_date
ORDER BY recs.country_iso3, c.start_date
