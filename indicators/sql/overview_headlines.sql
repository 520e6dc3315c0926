-- Cards: per theme one headline indicator (the one with data for most of the selected countries,
-- then the most recent, then by code), its latest and previous total value per country in the years.
WITH heads AS (
    SELECT i.code, i.name_en, i.name_ru, i.theme_code, i.unit, i.unit_ru, i.higher_is_better, i.publisher,
           i.progress_method, i.scale_min, i.scale_max,
           COALESCE(p.threshold, i.change_threshold) AS change_threshold,
           COALESCE(p.threshold_down, p.threshold, i.change_threshold) AS change_threshold_down
    FROM indicator AS i
    LEFT JOIN progress_cutpoint AS p ON p.indicator_code = i.code
    WHERE is_headline AND theme_code IS NOT NULL AND ($theme::VARCHAR IS NULL OR theme_code = $theme)
),
obs AS (
    SELECT o.indicator_code, o.country_iso3, o.year, o.value
    FROM observation o
    WHERE o.is_total
      AND list_contains($countries, o.country_iso3)
      AND o.year BETWEEN $year_from AND $year_to
      AND o.indicator_code IN (SELECT code FROM heads)
),
chosen AS (
    SELECT h.*
    FROM heads h
    JOIN (SELECT indicator_code, count(DISTINCT country_iso3) AS countries, max(year) AS last_year
          FROM obs GROUP BY indicator_code) coverage ON coverage.indicator_code = h.code
    QUALIFY row_number() OVER (PARTITION BY h.theme_code
                               ORDER BY coverage.countries DESC, coverage.last_year DESC, h.code) = 1
),
ranked AS (
    SELECT obs.*, row_number() OVER (PARTITION BY indicator_code, country_iso3 ORDER BY year DESC) AS rank
    FROM obs WHERE indicator_code IN (SELECT code FROM chosen)
)
SELECT c.theme_code, c.code AS indicator_code, c.name_en, c.name_ru, c.unit, c.unit_ru,
       c.higher_is_better, c.publisher, c.progress_method, c.scale_min, c.scale_max, c.change_threshold,
       c.change_threshold_down, latest.country_iso3,
       latest.year AS latest_year, latest.value AS latest_value,
       previous.year AS previous_year, previous.value AS previous_value
FROM chosen c
JOIN ranked latest ON latest.indicator_code = c.code AND latest.rank = 1
LEFT JOIN ranked previous ON previous.indicator_code = c.code
     AND previous.country_iso3 = latest.country_iso3 AND previous.rank = 2
ORDER BY c.theme_code, latest.country_iso3
