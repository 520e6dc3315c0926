-- Country profile: dated events of the country (drawn over the trend charts).
SELECT country_iso3, date, kind, title
FROM event
WHERE country_iso3 = $country
ORDER BY date
