-- The indicator catalogue with what the warehouse holds of each: one result per warehouse version,
-- which the Sources page narrows to a theme (viewmodels.sources.of_theme).
-- Grain: one row per indicator; observations / countries / first_year / last_year over observation.
WITH coverage AS (
    SELECT indicator_code, count(*) AS observations, count(DISTINCT country_iso3) AS countries,
           min(year) AS first_year, max(year) AS last_year
    FROM observation
    GROUP BY indicator_code
)
SELECT i.code, i.name_en, i.name_ru, i.theme_code, t.name_en AS theme_name_en,
       t.name_ru AS theme_name_ru, i.type, i.unit, i.unit_ru, i.scale_min, i.scale_max,
       i.higher_is_better, i.progress_method, i.change_threshold, i.is_composite, i.is_headline,
       i.catalogued, i.publisher, i.licence, i.definition,
       coalesce(c.observations, 0) AS observations, coalesce(c.countries, 0) AS countries,
       c.first_year, c.last_year
FROM indicator i
LEFT JOIN theme t ON t.code = i.theme_code
LEFT JOIN coverage c ON c.indicator_code = i.code
ORDER BY t.sort_order NULLS LAST, NOT i.is_headline, i.name_en
