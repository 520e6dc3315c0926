-- Implementation statuses for a recommendation id the warehouse does not hold.
SELECT s.source_id, s.row, 'recommendation' AS field,
       'unknown recommendation id ' || s.recommendation_id AS detail
FROM stg_implementation s LEFT JOIN recommendation r ON r.id = s.recommendation_id
WHERE r.id IS NULL
ORDER BY 1, 2
LIMIT 20
