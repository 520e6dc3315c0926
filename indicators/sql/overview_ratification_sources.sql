-- Publishers of the ratification rows of the selected countries (for the source line).
SELECT DISTINCT coalesce(s.publisher, s.title, s.file) AS publisher
FROM source s
WHERE s.id IN (SELECT DISTINCT source_id FROM ratification WHERE country_iso3 = ANY($countries))
ORDER BY 1
