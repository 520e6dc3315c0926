INSERT INTO stg_implementation
SELECT $source_id, CAST(recommendation_id AS VARCHAR), CAST(status AS VARCHAR),
       CAST(date AS DATE), CAST(row AS BIGINT)
FROM staged_frame
