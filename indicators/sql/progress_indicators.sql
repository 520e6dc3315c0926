-- Catalogue indicators to assess (one theme, or all), with the progress rule; a cut-point from
-- progress_cutpoint's rise and fall cut-points replace the catalogue's change threshold (grain: indicator).
SELECT i.code, i.name_en, i.name_ru, i.unit, i.unit_ru, i.type, i.theme_code, i.publisher,
       i.progress_method, i.higher_is_better, i.scale_min, i.scale_max,
       COALESCE(p.threshold, i.change_threshold) AS change_threshold,
       COALESCE(p.threshold_down, p.threshold, i.change_threshold) AS change_threshold_down,
       t.sort_order AS theme_order
FROM indicator AS i
LEFT JOIN progress_cutpoint AS p ON p.indicator_code = i.code
LEFT JOIN theme AS t ON t.code = i.theme_code
WHERE i.catalogued AND ($theme::VARCHAR IS NULL OR i.theme_code = $theme)
  AND ($indicators::VARCHAR[] IS NULL OR list_contains($indicators, i.code))
ORDER BY t.sort_order, CASE i.type WHEN 'structural' THEN 0 WHEN 'process' THEN 1 ELSE 2 END,
         NOT i.is_headline, i.name_en
