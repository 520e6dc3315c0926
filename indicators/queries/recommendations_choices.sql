-- Values the page's filters offer: bodies and recommending states present in the warehouse.
-- Grain: one row per (kind, value); kind body|recommending_state.
SELECT 'body' AS kind, body AS value, count(*) AS recommendations
FROM recommendation
GROUP BY body
UNION ALL
SELECT 'recommending_state', recommending_state, count(*)
FROM recommendation
WHERE recommending_state IS NOT NULL
GROUP BY recommending_state
ORDER BY kind, value
