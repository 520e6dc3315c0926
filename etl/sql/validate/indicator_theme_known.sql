-- Indicators declared by a file with a theme code that does not exist.
SELECT 'catalogue' AS source_id, NULL AS row, 'theme_code' AS field,
       'indicator ' || i.code || ' has unknown theme ' || i.theme_code AS detail
FROM stg_indicator i LEFT JOIN theme t ON t.code = i.theme_code
WHERE i.theme_code IS NOT NULL AND t.code IS NULL
LIMIT 20
