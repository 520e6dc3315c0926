-- Grain: one row per indicator, country, year and disaggregation. Years before a successor
-- state's independence are left out; where two files give the same key the first loaded wins.
-- Only indicators that more than one file feeds need that ranking (a window over their rows);
-- the rest, usually nearly all rows, are copied as they are.
INSERT INTO observation
WITH shared AS (
    SELECT indicator_code FROM stg_observation
    GROUP BY indicator_code HAVING count(DISTINCT source_id) > 1
), resolved AS (
    SELECT s.*, m.iso3, s.indicator_code IN (SELECT indicator_code FROM shared) AS is_shared
    FROM stg_observation s
    JOIN country_map m ON m.raw = s.country
    LEFT JOIN independence i ON i.iso3 = m.iso3
    WHERE i.year IS NULL OR s.year >= i.year
), ranked AS (
    SELECT r.*, row_number() OVER (PARTITION BY r.indicator_code, r.iso3, r.year, r.disaggregation
                                   ORDER BY o.load_order, r.row) AS rank
    FROM resolved r JOIN source_order o ON o.source_id = r.source_id
    WHERE r.is_shared
)
SELECT indicator_code, iso3, year, value, lower, upper, disaggregation,
       disaggregation = '' AS is_total, note, source_id
FROM resolved WHERE NOT is_shared
UNION ALL
SELECT indicator_code, iso3, year, value, lower, upper, disaggregation,
       disaggregation = '' AS is_total, note, source_id
FROM ranked WHERE rank = 1
