-- Grain: one row per country, date, kind and title.
INSERT INTO event
SELECT iso3, date, kind, title, source_id
FROM (
    SELECT s.*, m.iso3,
           row_number() OVER (PARTITION BY m.iso3, s.date, s.kind, s.title
                              ORDER BY o.load_order, s.row) AS rank
    FROM stg_event s
    JOIN country_map m ON m.raw = s.country
    JOIN source_order o ON o.source_id = s.source_id
)
WHERE rank = 1
