-- Yearly totals needed to assess the chosen cycles (grain: indicator, country, year): for each
-- series, the last value before the first cycle's start year (the earliest baseline: a structural
-- indicator's state at the end of the year before the cycle started) and every value from that
-- start year up to the last cycle's end year. Nothing else leaves the database.
WITH bounds AS (
    SELECT min(year(start_date)) AS first_start, max(year(end_date)) AS last_end
    FROM cycle
    WHERE kind = $cycle_kind
      AND ($cycle::VARCHAR IS NULL OR code = $cycle)
      AND ($cycle::VARCHAR IS NOT NULL
           OR (year(start_date) <= $year_to AND year(end_date) >= $year_from))
),
yearly AS (
    SELECT o.indicator_code, o.country_iso3, o.year, avg(o.value) AS value, avg(o.lower) AS lower,
           avg(o.upper) AS upper
    FROM observation AS o, bounds AS b
    WHERE o.is_total
      AND o.country_iso3 = ANY($countries)
      AND o.indicator_code IN (SELECT i.code FROM indicator AS i
                               WHERE i.catalogued AND ($theme::VARCHAR IS NULL OR i.theme_code = $theme)
                                 AND ($indicators::VARCHAR[] IS NULL OR list_contains($indicators, i.code)))
      AND o.year <= b.last_end
    GROUP BY o.indicator_code, o.country_iso3, o.year
)
SELECT y.indicator_code, y.country_iso3, y.year, y.value, y.lower, y.upper
FROM yearly AS y, bounds AS b
QUALIFY y.year >= b.first_start
     OR y.year = max(CASE WHEN y.year < b.first_start THEN y.year END)
                 OVER (PARTITION BY y.indicator_code, y.country_iso3)
ORDER BY y.indicator_code, y.country_iso3, y.year
