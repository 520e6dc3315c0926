-- Country profile: UPR recommendations whose normalised text (lower(trim(text))) was received in two
-- or more UPR cycles; with a cycle chosen, only those received in it. Grain: normalised text.
WITH chosen AS (
    SELECT code, kind, year(start_date) AS first_year, year(end_date) AS last_year
    FROM cycle WHERE code = $cycle
),
recs AS (
    SELECT lower(trim(r.text)) AS normalised, r.text, r.cycle_code, r.year, r.date
    FROM recommendation r
    WHERE r.country_iso3 = $country AND r.mechanism = 'upr' AND r.cycle_code IS NOT NULL
      AND ($mechanism::VARCHAR IS NULL OR $mechanism = 'upr')
      AND r.year BETWEEN $year_from AND $year_to
      AND ($theme::VARCHAR IS NULL OR r.id IN (
            SELECT recommendation_id FROM recommendation_theme WHERE theme_code = $theme))
)
SELECT arg_min(recs.text, recs.year) AS text,
       string_agg(DISTINCT recs.cycle_code, ', ' ORDER BY recs.cycle_code) AS cycles,
       count(DISTINCT recs.cycle_code) AS cycle_count,
       count(*) AS recommendations,
       min(recs.year) AS first_year, max(recs.year) AS last_year
FROM recs
GROUP BY recs.normalised
HAVING count(DISTINCT recs.cycle_code) >= 2
   AND ($cycle::VARCHAR IS NULL
        OR bool_or(recs.cycle_code IN (SELECT code FROM chosen WHERE kind = 'upr'))
        OR bool_or(recs.year BETWEEN (SELECT min(first_year) FROM chosen WHERE kind = 'programming')
                               AND (SELECT max(last_year) FROM chosen WHERE kind = 'programming')))
ORDER BY cycle_count DESC, recommendations DESC, text
LIMIT 500
