INSERT INTO stg_ratification
SELECT $source_id, CAST(country AS VARCHAR), CAST(treaty AS VARCHAR), CAST(action AS VARCHAR),
       CAST(date AS DATE), CAST(year AS INTEGER), CAST(row AS BIGINT)
FROM staged_frame
