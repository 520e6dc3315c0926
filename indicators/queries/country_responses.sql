-- Country profile: UPR responses per cycle of the chosen kind (supported, noted, no response, pledges).
WITH cycles AS (
    SELECT code, kind, start_date, year(start_date) AS first_year, year(end_date) AS last_year
    FROM cycle
    WHERE kind = $cycle_kind AND ($cycle::VARCHAR IS NULL OR code = $cycle)
),
recs AS (
    SELECT r.cycle_code, r.year,
           count(*) FILTER (WHERE NOT r.is_pledge AND r.response = 'supported') AS supported,
           count(*) FILTER (WHERE NOT r.is_pledge AND r.response = 'noted') AS noted,
           count(*) FILTER (WHERE NOT r.is_pledge AND r.response IS NULL) AS no_response,
           count(*) FILTER (WHERE r.is_pledge) AS pledges
    FROM recommendation r
    WHERE r.country_iso3 = $country AND r.mechanism = 'upr'
      AND ($mechanism::VARCHAR IS NULL OR $mechanism = 'upr')
      AND r.year BETWEEN $year_from AND $year_to
      AND ($theme::VARCHAR IS NULL OR r.id IN (
            SELECT recommendation_id FROM recommendation_theme WHERE theme_code = $theme))
    GROUP BY ALL
)
SELECT c.code AS cycle_code, sum(supported)::BIGINT AS supported, sum(noted)::BIGINT AS noted,
       sum(no_response)::BIGINT AS no_response, sum(pledges)::BIGINT AS pledges,
       min(recs.year) AS first_year, max(recs.year) AS last_year
FROM recs
JOIN cycles c
  ON (c.kind = 'upr' AND recs.cycle_code = c.code)
  OR (c.kind = 'programming' AND recs.year BETWEEN c.first_year AND c.last_year)
GROUP BY c.code, c.start_date
ORDER BY c.start_date
