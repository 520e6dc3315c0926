-- The same indicator, country, year and disaggregation twice in one file.
-- Keys that repeat are found first on one hash of the key (a grouping on one integer, several
-- times cheaper than on the five columns at millions of rows); only their rows are then grouped
-- on the key itself, so a hash shared by two different keys reports nothing.
WITH repeated_hashes AS (
    SELECT hash(source_id, indicator_code, country, year, disaggregation) AS key_hash
    FROM stg_observation
    GROUP BY key_hash
    HAVING count(*) > 1
)
SELECT source_id, rows[2] AS row, 'year' AS field,
       indicator_code || ', ' || country || ', ' || year
       || CASE WHEN disaggregation = '' THEN '' ELSE ', ' || disaggregation END
       || ' is given twice, in rows ' || rows[1] || ' and ' || rows[2] AS detail
FROM (
    SELECT source_id, indicator_code, country, year, disaggregation, min(row, 2) AS rows
    FROM stg_observation
    WHERE hash(source_id, indicator_code, country, year, disaggregation) IN (SELECT key_hash FROM repeated_hashes)
    GROUP BY source_id, indicator_code, country, year, disaggregation
    HAVING count(*) > 1
)
ORDER BY 1, 2
LIMIT 20
