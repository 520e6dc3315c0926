-- Which indicator x country x year has at least one value (total or disaggregated). The Data and sources
-- page asks for every choosable country and keeps the selected countries' rows.
-- Grain: one row per (indicator_code, country_iso3, year) that has a value; absent = missing.
SELECT indicator_code, country_iso3, year, count(*) AS "values",
       count(*) FILTER (WHERE is_total) AS totals
FROM observation
WHERE indicator_code = ANY($indicators::VARCHAR[])
  AND country_iso3 = ANY($countries::VARCHAR[])
  AND year BETWEEN $year_from AND $year_to
GROUP BY indicator_code, country_iso3, year
ORDER BY indicator_code, country_iso3, year
