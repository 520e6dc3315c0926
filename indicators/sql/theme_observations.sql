-- Totals of the theme's catalogue indicators for the chosen countries and years
-- (grain: indicator, country, year; several totals of one year are averaged).
SELECT o.indicator_code, o.country_iso3, c.name_en AS country_name_en, c.name_ru AS country_name_ru,
       o.year, avg(o.value) AS value, avg(o.lower) AS lower, avg(o.upper) AS upper
FROM observation AS o
JOIN indicator AS i ON i.code = o.indicator_code
LEFT JOIN country AS c ON c.iso3 = o.country_iso3
WHERE i.catalogued AND i.theme_code = $theme
  AND o.is_total
  AND o.country_iso3 = ANY($countries)
  AND o.year BETWEEN $year_from AND $year_to
GROUP BY o.indicator_code, o.country_iso3, c.name_en, c.name_ru, o.year
ORDER BY o.indicator_code, o.country_iso3, o.year
