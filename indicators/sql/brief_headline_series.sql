-- Yearly totals of the headline indicators for the countries, with the progress rule (as the Progress
-- page's progress_indicators.sql: rise and fall cut-points, scale) and source ids.
SELECT i.code AS indicator_code, i.name_en, i.name_ru, i.unit AS unit_en, i.unit_ru, i.theme_code,
       i.progress_method, i.higher_is_better,
       COALESCE(c.threshold, i.change_threshold) AS change_threshold,
       COALESCE(c.threshold_down, c.threshold, i.change_threshold) AS change_threshold_down,
       i.scale_min, i.scale_max, i.publisher,
       o.country_iso3, o.year, avg(o.value) AS value, avg(o.lower) AS lower, avg(o.upper) AS upper,
       list(DISTINCT o.source_id ORDER BY o.source_id) AS source_ids
FROM indicator AS i
JOIN observation AS o ON o.indicator_code = i.code
LEFT JOIN progress_cutpoint AS c ON c.indicator_code = i.code
WHERE i.is_headline AND o.is_total AND o.country_iso3 = ANY($countries)
GROUP BY ALL
ORDER BY i.code, o.country_iso3, o.year
