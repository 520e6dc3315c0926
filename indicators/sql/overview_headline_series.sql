-- Overview small multiples: the yearly totals of each theme's headline indicator (fragment
-- overview_headline_choice, the indicators of the cards' table) for the selected countries and years.
-- Grain: theme, country, year (a year without a value has no row: drawn as a gap, never as zero).
WITH
    -- @include overview_headline_choice
SELECT c.theme_code, c.code AS indicator_code, c.name_en, c.name_ru, c.unit, c.unit_ru, c.publisher,
       obs.country_iso3, obs.year, obs.value
FROM chosen c
JOIN obs ON obs.indicator_code = c.code
ORDER BY c.theme_code, obs.country_iso3, obs.year
