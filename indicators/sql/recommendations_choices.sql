-- Values the page's filters offer: bodies, recommending states, SDG goal numbers, affected
-- groups of persons (lower case: publishers capitalise them differently) and the sources' issue
-- tags (mapped to a ROCA theme or not) present in the warehouse.
-- Grain: one row per (kind, value); kind body|recommending_state|sdg|persons|tag.
SELECT 'body' AS kind, body AS value, count(*) AS recommendations
FROM recommendation
GROUP BY body
UNION ALL
SELECT 'recommending_state', recommending_state, count(*)
FROM recommendation
WHERE recommending_state IS NOT NULL
GROUP BY recommending_state
UNION ALL
SELECT 'sdg', goal, count(*)
FROM (SELECT unnest(regexp_extract_all(sdgs, '(?:^|;\s*)(\d{1,2})\b', 1)) AS goal
      FROM recommendation WHERE sdgs IS NOT NULL)
GROUP BY goal
UNION ALL
SELECT 'persons', group_name, count(*)
FROM (SELECT DISTINCT id, trim(unnest(string_split(lower(affected_persons), ';'))) AS group_name
      FROM recommendation WHERE affected_persons IS NOT NULL)
WHERE group_name <> ''
GROUP BY group_name
UNION ALL
SELECT 'tag', tag, count(DISTINCT recommendation_id)
FROM recommendation_tag
GROUP BY tag
ORDER BY kind, value
