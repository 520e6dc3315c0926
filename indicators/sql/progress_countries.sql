-- Names of the chosen countries, in the order chosen (grain: country).
SELECT iso3, name_en, name_ru
FROM country
WHERE iso3 = ANY($countries)
ORDER BY list_position($countries, iso3)
