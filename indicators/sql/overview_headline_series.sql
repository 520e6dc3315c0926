-- The Overview's headline indicators: the catalogue's headline indicators (of $theme when given) and their
-- yearly totals (`obs`: several totals of one year averaged) for $countries in $year_from..$year_to. The
-- Overview asks for every choosable country (one result per warehouse version, theme and years);
-- viewmodels.overview.headline_series_of keeps the selected countries' rows and, per theme, the one
-- indicator with data for most of them (then the most recent, then by code). The small multiples draw those
-- rows; the cards and their table take each country's latest and previous value from them.
-- Grain: indicator, country, year (a year without a value has no row: drawn as a gap, never as zero).
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
)
SELECT h.theme_code, h.code AS indicator_code, h.name_en, h.name_ru, h.unit, h.unit_ru, h.publisher,
       h.higher_is_better, h.progress_method, h.scale_min, h.scale_max, h.change_threshold,
       h.change_threshold_down, obs.country_iso3, obs.year, obs.value
FROM heads h
JOIN obs ON obs.indicator_code = h.code
ORDER BY h.theme_code, obs.country_iso3, obs.year, h.code
