-- Remove the observations put in quarantine (publisher values outside the declared scale).
DELETE FROM stg_observation
WHERE (source_id, row) IN (SELECT source_id, row FROM quarantine)
