-- Map: indicators with total observations in the years (headlines first), each with the countries of
-- $countries that have them (covered). The Overview asks for every choosable country (one result per
-- warehouse version, theme and years) and keeps the indicators of the selection (viewmodels.overview.indicators_of).
WITH covered AS (
    SELECT indicator_code, list(DISTINCT country_iso3 ORDER BY country_iso3) AS covered
    FROM observation
    WHERE is_total AND country_iso3 = ANY($countries) AND year BETWEEN $year_from AND $year_to
    GROUP BY indicator_code
)
SELECT i.code, i.name_en, i.name_ru, i.unit, i.unit_ru, i.publisher, i.is_headline, i.theme_code,
       covered.covered
FROM indicator i
JOIN covered ON covered.indicator_code = i.code
LEFT JOIN theme th ON th.code = i.theme_code
WHERE ($theme::VARCHAR IS NULL OR i.theme_code = $theme)
ORDER BY NOT i.is_headline, th.sort_order NULLS LAST, i.name_en, i.code
