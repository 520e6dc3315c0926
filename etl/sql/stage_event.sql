INSERT INTO stg_event
SELECT $source_id, CAST(country AS VARCHAR), CAST(date AS DATE), CAST(kind AS VARCHAR),
       CAST(title AS VARCHAR), CAST(row AS BIGINT)
FROM staged_frame
