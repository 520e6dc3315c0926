-- Country profile: UPR recommendations whose normalised text (lower(trim(text))) was received in two
-- or more UPR cycles; with a cycle chosen, only those received in it. Grain: normalised text, grouped
-- by its 64-bit hash stored at build time (recommendation.text_hash). The texts and cycle lists are
-- made only for the few hashes that recur: making them for every text of a country was most of the time.
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
received AS (
    SELECT r.rowid AS row_number, r.text_hash, r.cycle_code, r.year,
           (r.cycle_code = b.upr_cycle OR r.year BETWEEN b.first_year AND b.last_year) AS in_chosen
    FROM recommendation r, bounds b
    WHERE r.country_iso3 = $country AND r.mechanism = 'upr' AND r.cycle_code IS NOT NULL
      AND ($mechanism::VARCHAR IS NULL OR $mechanism = 'upr')
      AND r.year BETWEEN $year_from AND $year_to
      AND ($theme::VARCHAR IS NULL OR list_contains(r.theme_codes, $theme))
),
recurring AS (
    SELECT text_hash, count(*) AS recommendations, min(year) AS first_year, max(year) AS last_year
    FROM received
    GROUP BY text_hash
    HAVING min(cycle_code) <> max(cycle_code) AND ($cycle::VARCHAR IS NULL OR coalesce(bool_or(in_chosen), false))
),
described AS (
    SELECT x.text_hash, arg_min(r.text, x.year) AS text,
           string_agg(DISTINCT x.cycle_code, ', ' ORDER BY x.cycle_code) AS cycles,
           count(DISTINCT x.cycle_code) AS cycle_count
    FROM received x JOIN recommendation r ON r.rowid = x.row_number
    WHERE x.text_hash IN (SELECT text_hash FROM recurring)
    GROUP BY x.text_hash
)
SELECT d.text, d.cycles, d.cycle_count, c.recommendations::BIGINT AS recommendations, c.first_year, c.last_year
FROM recurring c JOIN described d USING (text_hash)
ORDER BY cycle_count DESC, recommendations DESC, text
LIMIT 500
