-- Yearly totals of some indicators in some countries, all years (grain: indicator, country, year):
-- the series the validation set of dated episodes is checked against.
SELECT indicator_code, country_iso3, year, avg(value) AS value, avg(lower) AS lower, avg(upper) AS upper
FROM observation
WHERE is_total AND list_contains($countries, country_iso3) AND list_contains($indicators, indicator_code)
GROUP BY ALL
ORDER BY indicator_code, country_iso3, year
