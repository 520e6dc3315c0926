INSERT INTO stg_cutpoint
SELECT $source_id, CAST(indicator_code AS VARCHAR), CAST(threshold AS DOUBLE),
       CAST(threshold_down AS DOUBLE)
FROM staged_frame
