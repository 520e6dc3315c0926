-- Ratifications of a treaty code missing from data/reference/treaties.csv.
SELECT r.source_id, min(r.row) AS row, 'treaty' AS field, 'unknown treaty code ' || r.treaty AS detail
FROM stg_ratification r LEFT JOIN treaty t ON t.code = r.treaty
WHERE t.code IS NULL
GROUP BY r.source_id, r.treaty
ORDER BY 1, 2
LIMIT 20
