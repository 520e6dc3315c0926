-- Publishers of the loaded files that hold recommendations (for the charts' source line).
SELECT DISTINCT coalesce(s.publisher, s.file) AS publisher
FROM source s
WHERE s.id IN (SELECT DISTINCT source_id FROM recommendation)
ORDER BY publisher
