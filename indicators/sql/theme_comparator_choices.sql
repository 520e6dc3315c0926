-- Countries with observations for the theme's catalogue indicators (grain: country): the usual
-- comparators (RUS, AFG, MNG, AZE) first, then the focus countries, then the others by name.
SELECT c.iso3, c.name_en, c.name_ru, c.is_focus,
       list_position(['RUS', 'AFG', 'MNG', 'AZE'], c.iso3) AS comparator_order
FROM country AS c
WHERE c.iso3 IN (SELECT DISTINCT o.country_iso3
                 FROM observation AS o JOIN indicator AS i ON i.code = o.indicator_code
                 WHERE i.catalogued AND i.theme_code = $theme AND o.is_total)
ORDER BY comparator_order NULLS LAST, NOT c.is_focus, c.name_en
