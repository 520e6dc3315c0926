-- Yearly totals of the headline indicators for one country, with what the progress method needs.
SELECT i.code AS indicator_code, i.name_en, i.name_ru, i.unit AS unit_en, i.unit_ru, i.theme_code,
       i.progress_method, i.higher_is_better, i.scale_min, i.scale_max,
       COALESCE(c.threshold, i.change_threshold) AS change_threshold,
       COALESCE(c.threshold_down, c.threshold, i.change_threshold) AS change_threshold_down,
       o.country_iso3, o.year, avg(o.value) AS value
FROM indicator AS i
JOIN observation AS o ON o.indicator_code = i.code
LEFT JOIN progress_cutpoint AS c ON c.indicator_code = i.code
WHERE i.is_headline AND o.is_total AND o.country_iso3 = $country
GROUP BY ALL
ORDER BY i.code, o.year
