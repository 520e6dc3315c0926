-- Publishers of the implementation-status rows of the country's recommendations (for the source line).
SELECT DISTINCT coalesce(s.publisher, s.title, s.file) AS publisher
FROM source s
WHERE s.id IN (SELECT DISTINCT i.source_id FROM implementation i
               JOIN recommendation r ON r.id = i.recommendation_id WHERE r.country_iso3 = $country)
ORDER BY 1
