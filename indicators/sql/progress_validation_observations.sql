-- Yearly totals of some indicators in some countries, all years (grain: indicator, country, year):
-- the series the validation set of dated episodes is checked against.
SELECT indicator_code, country_iso3, year, avg(value) AS value, avg(lower) AS lower, avg(upper) AS upper
FROM observation
WHERE is_total AND country_iso3 = ANY($countries) AND indicator_code = ANY($indicators)
GROUP BY ALL
ORDER BY indicator_code, country_iso3, year
