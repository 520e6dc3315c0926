-- Countries that can be chosen: focus countries first, then every country with observations.
SELECT iso3, name_en, name_ru, is_focus
FROM country
WHERE is_focus OR iso3 IN (SELECT DISTINCT country_iso3 FROM observation)
ORDER BY NOT is_focus, name_en
