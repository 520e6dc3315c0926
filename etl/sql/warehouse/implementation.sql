-- Grain: one row per recommendation, status date and status.
INSERT INTO implementation
SELECT DISTINCT recommendation_id, status, date, source_id FROM stg_implementation
