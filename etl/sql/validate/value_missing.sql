-- Observations without a number: an empty or NaN value staged as a value (a gap is no row at all).
SELECT source_id, row, 'value' AS field,
       'the value is ' || CASE WHEN value IS NULL THEN 'not a number (NaN or empty)'
                               ELSE 'infinite' END AS detail
FROM stg_observation
WHERE value IS NULL OR isnan(value) OR isinf(value)
ORDER BY source_id, row
LIMIT 20
