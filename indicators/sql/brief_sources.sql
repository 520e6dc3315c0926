-- Every source loaded into this warehouse: publisher, licence, file (for brief and export metadata).
SELECT COALESCE(publisher, '') AS publisher, COALESCE(licence, '') AS licence, file, COALESCE(title, '') AS title,
       is_demo
FROM source
ORDER BY publisher, file
