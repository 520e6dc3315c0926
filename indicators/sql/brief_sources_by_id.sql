-- The loaded files behind what a brief shows: citation facts of each source id asked for.
SELECT id, file, COALESCE(publisher, '') AS publisher, COALESCE(title, '') AS title,
       COALESCE(licence, '') AS licence, sha256, loaded_at, is_demo, url, accessed, citation
FROM source
WHERE id = ANY($ids)
ORDER BY publisher, file
