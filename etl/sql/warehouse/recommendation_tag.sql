-- Grain: one row per recommendation, source tag and theme it maps to (NULL theme: unmapped tag).
INSERT INTO recommendation_tag
SELECT DISTINCT t.final_id, t.tag, m.theme_code
FROM (
    SELECT k.final_id, k.vocabulary, trim(unnest(k.tags)) AS tag
    FROM recommendation_keyed k
    JOIN recommendation r ON r.id = k.final_id AND r.source_id = k.source_id
) t
LEFT JOIN theme_map m ON m.vocabulary = t.vocabulary AND m.tag = t.tag
WHERE t.tag <> ''
