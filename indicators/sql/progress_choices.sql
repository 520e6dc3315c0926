-- What the progress command line may be asked for: cycles (with their kind) and countries with
-- values, and catalogued indicators (grain: one row per choice; kind says which).
SELECT 'cycle' AS choice, code, kind AS detail, start_date AS sort_key FROM cycle
UNION ALL
SELECT 'country', iso3, NULL, NULL FROM country
WHERE iso3 IN (SELECT DISTINCT country_iso3 FROM observation)
UNION ALL
SELECT 'indicator', code, NULL, NULL FROM indicator WHERE catalogued
ORDER BY choice, detail, sort_key, code
