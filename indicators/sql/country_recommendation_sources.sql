-- Publishers of the recommendation rows of the country (for the source line).
SELECT DISTINCT coalesce(s.publisher, s.title, s.file) AS publisher
FROM source s
WHERE s.id IN (SELECT DISTINCT source_id FROM recommendation WHERE country_iso3 = $country)
ORDER BY 1
