-- The same indicator, country, year and disaggregation twice in one file.
SELECT source_id, max(row) AS row, 'year' AS field,
       'duplicate key (' || indicator_code || ', ' || country || ', ' || year
       || CASE WHEN disaggregation = '' THEN '' ELSE ', ' || disaggregation END
       || '), first at row ' || min(row) AS detail
FROM stg_observation
GROUP BY source_id, indicator_code, country, year, disaggregation
HAVING count(*) > 1
ORDER BY 1, 2
LIMIT 20
