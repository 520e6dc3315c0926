-- Catalogue indicators to assess (one theme, or all), with the progress rule; a cut-point from
-- progress_cutpoint replaces the catalogue's change threshold (grain: indicator).
SELECT i.code, i.name_en, i.name_ru, i.unit, i.unit_ru, i.type, i.theme_code, i.publisher,
       i.progress_method, i.higher_is_better,
       COALESCE(p.threshold, i.change_threshold) AS change_threshold,
       t.sort_order AS theme_order
FROM indicator AS i
LEFT JOIN progress_cutpoint AS p ON p.indicator_code = i.code
LEFT JOIN theme AS t ON t.code = i.theme_code
WHERE i.catalogued AND ($theme::VARCHAR IS NULL OR i.theme_code = $theme)
ORDER BY t.sort_order, CASE i.type WHEN 'structural' THEN 0 WHEN 'process' THEN 1 ELSE 2 END,
         NOT i.is_headline, i.name_en
