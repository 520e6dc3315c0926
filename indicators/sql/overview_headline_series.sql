-- The Overview's headline indicators: per theme one headline indicator (`chosen`: of the catalogue's
-- headline indicators, of $theme when given, the one with data for most of the selected countries, then
-- the most recent, then by code) and its yearly totals (`obs`: several totals of one year averaged) for
-- $countries in $year_from..$year_to. The small multiples draw these rows; the cards and their table
-- take each country's latest and previous value from them (viewmodels.overview.latest_headlines).
-- Grain: theme, country, year (a year without a value has no row: drawn as a gap, never as zero).
WITH
heads AS (
    SELECT i.code, i.name_en, i.name_ru, i.theme_code, i.unit, i.unit_ru, i.higher_is_better, i.publisher,
           i.progress_method, i.scale_min, i.scale_max,
           COALESCE(p.threshold, i.change_threshold) AS change_threshold,
           COALESCE(p.threshold_down, p.threshold, i.change_threshold) AS change_threshold_down
    FROM indicator AS i
    LEFT JOIN progress_cutpoint AS p ON p.indicator_code = i.code
    WHERE is_headline AND theme_code IS NOT NULL AND ($theme::VARCHAR IS NULL OR theme_code = $theme)
),
obs AS (
    SELECT o.indicator_code, o.country_iso3, o.year, avg(o.value) AS value
    FROM observation o
    WHERE o.is_total
      AND o.country_iso3 = ANY($countries)
      AND o.year BETWEEN $year_from AND $year_to
      AND o.indicator_code IN (SELECT code FROM heads)
    GROUP BY o.indicator_code, o.country_iso3, o.year
),
chosen AS (
    SELECT h.*
    FROM heads h
    JOIN (SELECT indicator_code, count(DISTINCT country_iso3) AS countries, max(year) AS last_year
          FROM obs GROUP BY indicator_code) coverage ON coverage.indicator_code = h.code
    QUALIFY row_number() OVER (PARTITION BY h.theme_code
                               ORDER BY coverage.countries DESC, coverage.last_year DESC, h.code) = 1
)
SELECT c.theme_code, c.code AS indicator_code, c.name_en, c.name_ru, c.unit, c.unit_ru, c.publisher,
       c.higher_is_better, c.progress_method, c.scale_min, c.scale_max, c.change_threshold,
       c.change_threshold_down, obs.country_iso3, obs.year, obs.value
FROM chosen c
JOIN obs ON obs.indicator_code = c.code
ORDER BY c.theme_code, obs.country_iso3, obs.year
