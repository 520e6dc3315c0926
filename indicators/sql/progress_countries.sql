-- Names of the chosen countries, in the order chosen (grain: country).
SELECT iso3, name_en, name_ru
FROM country
WHERE list_contains($countries, iso3)
ORDER BY list_position($countries, iso3)
