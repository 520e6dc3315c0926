-- Catalogue indicators of one theme (grain: indicator), with the years and countries that have data.
SELECT i.code, i.name_en, i.name_ru, i.type, i.unit, i.unit_ru, i.progress_method,
       i.higher_is_better, i.is_composite, i.is_headline, i.publisher,
       CASE i.type WHEN 'structural' THEN 0 WHEN 'process' THEN 1 ELSE 2 END AS type_order
FROM indicator AS i
WHERE i.catalogued AND i.theme_code = $theme
ORDER BY type_order, NOT i.is_headline, i.name_en
