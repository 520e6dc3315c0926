-- Rows added and removed per table and source between two warehouses ATTACHed as old and new,
-- compared on the columns both have ($<table>_columns), so a warehouse of an older schema compares too.
WITH added AS (
    SELECT 'observation' AS table_name, source_id FROM (SELECT COLUMNS(lambda c: list_contains($observation_columns, c)) FROM new.observation EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($observation_columns, c)) FROM old.observation)
    UNION ALL SELECT 'recommendation', source_id FROM (SELECT COLUMNS(lambda c: list_contains($recommendation_columns, c)) FROM new.recommendation EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($recommendation_columns, c)) FROM old.recommendation)
    UNION ALL SELECT 'ratification', source_id FROM (SELECT COLUMNS(lambda c: list_contains($ratification_columns, c)) FROM new.ratification EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($ratification_columns, c)) FROM old.ratification)
    UNION ALL SELECT 'event', source_id FROM (SELECT COLUMNS(lambda c: list_contains($event_columns, c)) FROM new.event EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($event_columns, c)) FROM old.event)
    UNION ALL SELECT 'implementation', source_id FROM (SELECT COLUMNS(lambda c: list_contains($implementation_columns, c)) FROM new.implementation EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($implementation_columns, c)) FROM old.implementation)
), removed AS (
    SELECT 'observation' AS table_name, source_id FROM (SELECT COLUMNS(lambda c: list_contains($observation_columns, c)) FROM old.observation EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($observation_columns, c)) FROM new.observation)
    UNION ALL SELECT 'recommendation', source_id FROM (SELECT COLUMNS(lambda c: list_contains($recommendation_columns, c)) FROM old.recommendation EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($recommendation_columns, c)) FROM new.recommendation)
    UNION ALL SELECT 'ratification', source_id FROM (SELECT COLUMNS(lambda c: list_contains($ratification_columns, c)) FROM old.ratification EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($ratification_columns, c)) FROM new.ratification)
    UNION ALL SELECT 'event', source_id FROM (SELECT COLUMNS(lambda c: list_contains($event_columns, c)) FROM old.event EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($event_columns, c)) FROM new.event)
    UNION ALL SELECT 'implementation', source_id FROM (SELECT COLUMNS(lambda c: list_contains($implementation_columns, c)) FROM old.implementation EXCEPT ALL SELECT COLUMNS(lambda c: list_contains($implementation_columns, c)) FROM new.implementation)
), counted AS (
    SELECT table_name, source_id, count(*) AS added, 0 AS removed FROM added GROUP BY ALL
    UNION ALL
    SELECT table_name, source_id, 0, count(*) FROM removed GROUP BY ALL
), files AS (
    SELECT id, file FROM new.source UNION SELECT id, file FROM old.source
)
SELECT c.table_name, coalesce(any_value(f.file), c.source_id) AS source,
       sum(c.added)::BIGINT AS added, sum(c.removed)::BIGINT AS removed
FROM counted c LEFT JOIN files f ON f.id = c.source_id
GROUP BY c.table_name, c.source_id
ORDER BY source, table_name
