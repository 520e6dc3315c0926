-- Observations of an indicator that neither the catalogue nor the reader declares.
SELECT o.source_id, min(o.row) AS row, 'indicator' AS field,
       'unknown indicator code ' || o.indicator_code AS detail
FROM stg_observation o
LEFT JOIN (SELECT code FROM indicator UNION SELECT code FROM stg_indicator) i
       ON i.code = o.indicator_code
WHERE i.code IS NULL
GROUP BY o.source_id, o.indicator_code
ORDER BY 1, 2
LIMIT 20
