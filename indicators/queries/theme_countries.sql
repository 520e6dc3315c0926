-- Names of the chosen countries (grain: country).
SELECT iso3, name_en, name_ru FROM country WHERE list_contains($countries, iso3)
