-- Cards' table: per theme one headline indicator (fragment overview_headline_choice), its latest and
-- previous yearly total per country in the years.
WITH
    -- @include overview_headline_choice
,
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
