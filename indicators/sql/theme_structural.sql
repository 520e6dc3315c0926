-- Latest total of each structural indicator of a theme per country, at or before the last year
-- of the year filter: a commitment stays in place (grain: indicator, country).
SELECT o.indicator_code, o.country_iso3, c.name_en AS country_name_en, c.name_ru AS country_name_ru,
       o.year, avg(o.value) AS value
FROM observation AS o
JOIN indicator AS i ON i.code = o.indicator_code
LEFT JOIN country AS c ON c.iso3 = o.country_iso3
WHERE i.catalogued AND i.theme_code = $theme AND i.type = 'structural'
  AND o.is_total
  AND o.country_iso3 = ANY($countries)
  AND o.year <= $year_to
GROUP BY o.indicator_code, o.country_iso3, c.name_en, c.name_ru, o.year
QUALIFY o.year = max(o.year) OVER (PARTITION BY o.indicator_code, o.country_iso3)
ORDER BY o.indicator_code, o.country_iso3
