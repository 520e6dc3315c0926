-- Grain: one row per country, treaty and kind of act (signature, or becoming a party by
-- ratification, accession, succession...); a dated record wins over a year-only one, and
-- a year-only one over one without a year.
INSERT INTO ratification
SELECT iso3, treaty, action, date, year, source_id
FROM (
    SELECT s.*, m.iso3,
           row_number() OVER (PARTITION BY m.iso3, s.treaty, s.action = 'signature'
                              ORDER BY s.date IS NULL, s.year IS NULL, o.load_order, s.row) AS rank
    FROM stg_ratification s
    JOIN country_map m ON m.raw = s.country
    JOIN source_order o ON o.source_id = s.source_id
)
WHERE rank = 1
