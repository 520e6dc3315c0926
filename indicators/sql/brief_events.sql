-- Dated events of one country, oldest first.
SELECT date, kind, title
FROM event
WHERE country_iso3 = $country
ORDER BY date, kind, title
