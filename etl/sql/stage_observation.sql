INSERT INTO stg_observation
SELECT $source_id, CAST(indicator_code AS VARCHAR), CAST(country AS VARCHAR),
       CAST(year AS INTEGER), CAST(value AS DOUBLE), CAST(lower AS DOUBLE), CAST(upper AS DOUBLE),
       coalesce(CAST(disaggregation AS VARCHAR), ''), CAST(note AS VARCHAR), CAST(row AS BIGINT)
FROM staged_frame
