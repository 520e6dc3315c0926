-- Grain: one row per indicator, country, year and disaggregation. Years before a successor
-- state's independence are left out; where two files give the same key the first loaded wins.
INSERT INTO observation
SELECT indicator_code, iso3, year, value, lower, upper, disaggregation,
       disaggregation = '' AS is_total, note, source_id
FROM (
    SELECT s.*, m.iso3,
           row_number() OVER (PARTITION BY s.indicator_code, m.iso3, s.year, s.disaggregation
                              ORDER BY o.load_order, s.row) AS rank
    FROM stg_observation s
    JOIN country_map m ON m.raw = s.country
    JOIN source_order o ON o.source_id = s.source_id
    LEFT JOIN independence i ON i.iso3 = m.iso3
    WHERE i.year IS NULL OR s.year >= i.year
)
WHERE rank = 1
