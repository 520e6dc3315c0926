-- Staged observations per source dated before their country's independence (not presented as
-- the country's own: publishers back-fill successor states with the former state's data).
SELECT s.source_id, count(*) AS rows, min(s.year) AS first_year, max(s.year) AS last_year
FROM stg_observation s
JOIN country_map m ON m.raw = s.country
JOIN independence i ON i.iso3 = m.iso3
WHERE s.year < i.year
GROUP BY s.source_id
