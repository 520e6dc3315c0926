INSERT INTO stg_cutpoint
SELECT $source_id, CAST(indicator_code AS VARCHAR), CAST(threshold AS DOUBLE)
FROM staged_frame
