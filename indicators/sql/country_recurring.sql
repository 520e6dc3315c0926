-- Country profile: UPR recommendations whose normalised text (lower(trim(text))) was received in two
-- or more UPR cycles; with a cycle chosen, only those received in it. Grain: normalised text, grouped
-- by its 64-bit hash stored at build time (recommendation.text_hash).
WITH chosen AS (
    SELECT code, kind, year(start_date) AS first_year, year(end_date) AS last_year
    FROM cycle WHERE code = $cycle
),
bounds AS (
    SELECT min(code) FILTER (WHERE kind = 'upr') AS upr_cycle,
           min(first_year) FILTER (WHERE kind = 'programming') AS first_year,
           max(last_year) FILTER (WHERE kind = 'programming') AS last_year
    FROM chosen
),
per_cycle AS (
    SELECT r.text_hash AS normalised, r.cycle_code, arg_min(r.text, r.year) AS text,
           count(*) AS recommendations,
           min(r.year) AS first_year, max(r.year) AS last_year,
           bool_or(r.cycle_code = b.upr_cycle OR r.year BETWEEN b.first_year AND b.last_year) AS in_chosen
    FROM recommendation r, bounds b
    WHERE r.country_iso3 = $country AND r.mechanism = 'upr' AND r.cycle_code IS NOT NULL
      AND ($mechanism::VARCHAR IS NULL OR $mechanism = 'upr')
      AND r.year BETWEEN $year_from AND $year_to
      AND ($theme::VARCHAR IS NULL OR r.id IN (
            SELECT recommendation_id FROM recommendation_theme WHERE theme_code = $theme))
    GROUP BY 1, 2
)
SELECT arg_min(text, first_year) AS text,
       string_agg(cycle_code, ', ' ORDER BY cycle_code) AS cycles,
       count(*) AS cycle_count,
       sum(recommendations)::BIGINT AS recommendations,
       min(first_year) AS first_year, max(last_year) AS last_year
FROM per_cycle
GROUP BY normalised
HAVING count(*) >= 2 AND ($cycle::VARCHAR IS NULL OR coalesce(bool_or(in_chosen), false))
ORDER BY cycle_count DESC, recommendations DESC, text
LIMIT 500
