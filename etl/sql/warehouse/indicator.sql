-- Indicators declared by files (uncatalogued series) that the catalogue does not already hold.
INSERT INTO indicator
SELECT DISTINCT ON (code) * FROM stg_indicator
WHERE code NOT IN (SELECT code FROM indicator)
ORDER BY code
