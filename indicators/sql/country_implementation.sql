-- Country profile: recommendations by their latest implementation status, under the shared filters.
WITH chosen AS (
    SELECT code, kind, year(start_date) AS first_year, year(end_date) AS last_year
    FROM cycle WHERE code = $cycle
),
recs AS (
    SELECT r.id, r.year
    FROM recommendation r
    WHERE r.country_iso3 = $country
      AND ($mechanism::VARCHAR IS NULL OR r.mechanism = $mechanism)
      AND r.year BETWEEN $year_from AND $year_to
      AND ($theme::VARCHAR IS NULL OR list_contains(r.theme_codes, $theme))
      AND ($cycle::VARCHAR IS NULL
           OR r.cycle_code IN (SELECT code FROM chosen WHERE kind = 'upr')
           OR r.year BETWEEN (SELECT min(first_year) FROM chosen WHERE kind = 'programming')
                         AND (SELECT max(last_year) FROM chosen WHERE kind = 'programming'))
),
latest AS (
    SELECT i.recommendation_id, arg_max(i.status, i.date) AS status, max(i.date) AS date
    FROM implementation i
    WHERE i.recommendation_id IN (SELECT id FROM recs)
    GROUP BY i.recommendation_id
)
SELECT status, count(*) AS recommendations, min(year(date)) AS first_year, max(year(date)) AS last_year
FROM latest
GROUP BY status
