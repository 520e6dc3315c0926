-- Countries that can be chosen: focus countries first, then every country with observations or
-- recommendations (states under review, such as those of an OHCHR thematic list).
SELECT iso3, name_en, name_ru, is_focus
FROM country
WHERE is_focus OR iso3 IN (SELECT DISTINCT country_iso3 FROM observation)
   OR iso3 IN (SELECT DISTINCT country_iso3 FROM recommendation)
ORDER BY NOT is_focus, name_en
