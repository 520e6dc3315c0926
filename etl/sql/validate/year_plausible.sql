-- Years outside 1750..$max_year in any staged table (a year like 3024 is a typo).
SELECT source_id, row, 'year' AS field, 'implausible year ' || year AS detail
FROM (
    SELECT source_id, row, year FROM stg_observation
    UNION ALL SELECT source_id, row, year FROM stg_recommendation
    UNION ALL SELECT source_id, row, year FROM stg_ratification
    UNION ALL SELECT source_id, row, year(date) FROM stg_event
    UNION ALL SELECT source_id, row, year(date) FROM stg_implementation
)
WHERE year < 1750 OR year > $max_year
ORDER BY source_id, row
LIMIT 20
