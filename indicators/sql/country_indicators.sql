-- Country profile: indicators with total observations for the country in the years (grain: indicator).
WITH covered AS (
    SELECT indicator_code, count(*) AS points, min(year) AS first_year, max(year) AS last_year
    FROM observation
    WHERE is_total AND country_iso3 = $country AND year BETWEEN $year_from AND $year_to
    GROUP BY indicator_code
)
SELECT i.code, i.name_en, i.name_ru, i.unit, i.unit_ru, i.publisher, i.is_headline, i.type,
       i.theme_code, th.name_en AS theme_name_en, th.name_ru AS theme_name_ru,
       covered.points, covered.first_year, covered.last_year
FROM indicator i
JOIN covered ON covered.indicator_code = i.code
LEFT JOIN theme th ON th.code = i.theme_code
WHERE ($theme::VARCHAR IS NULL OR i.theme_code = $theme)
ORDER BY th.sort_order NULLS LAST, NOT i.is_headline, i.name_en
