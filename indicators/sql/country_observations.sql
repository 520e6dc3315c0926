-- Country profile: total observations of the chosen indicators for the country in the years.
SELECT indicator_code, country_iso3, year, value, lower, upper
FROM observation
WHERE is_total AND country_iso3 = $country AND indicator_code = ANY($indicators)
  AND year BETWEEN $year_from AND $year_to
ORDER BY indicator_code, year
