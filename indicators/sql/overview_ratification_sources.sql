-- Publishers of the ratification rows of the selected countries (for the source line).
SELECT DISTINCT coalesce(s.publisher, s.title, s.file) AS publisher
FROM source s
WHERE s.id IN (SELECT DISTINCT source_id FROM ratification WHERE list_contains($countries, country_iso3))
ORDER BY 1
