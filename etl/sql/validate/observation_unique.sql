-- The same indicator, country, year and disaggregation twice in one file.
SELECT source_id, rows[2] AS row, 'year' AS field,
       indicator_code || ', ' || country || ', ' || year
       || CASE WHEN disaggregation = '' THEN '' ELSE ', ' || disaggregation END
       || ' is given twice, in rows ' || rows[1] || ' and ' || rows[2] AS detail
FROM (
    SELECT source_id, indicator_code, country, year, disaggregation,
           list(row ORDER BY row)[1:2] AS rows
    FROM stg_observation
    GROUP BY source_id, indicator_code, country, year, disaggregation
    HAVING count(*) > 1
)
ORDER BY 1, 2
LIMIT 20
