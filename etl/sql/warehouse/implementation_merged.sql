-- Implementation statuses written against a recommendation that was merged into another
-- publisher's row (recommendation_merge.sql) follow it to the row that was kept.
UPDATE stg_implementation s SET recommendation_id = m.winner_id
FROM recommendation_merged m
WHERE s.recommendation_id = m.final_id;
