-- Map: the latest total value of one indicator per country of $countries within the years (the Overview
-- asks for every choosable country and keeps the selected ones' rows).
SELECT country_iso3, arg_max(value, year) AS value, max(year) AS year
FROM observation
WHERE indicator_code = $indicator AND is_total
  AND country_iso3 = ANY($countries) AND year BETWEEN $year_from AND $year_to
GROUP BY country_iso3
ORDER BY country_iso3
