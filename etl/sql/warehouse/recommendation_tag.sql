-- Grain: one row per recommendation, source tag and theme it maps to (NULL theme: unmapped tag).
-- The tags of the rows recommendation.sql kept: every row of a country that one file covers, and
-- for countries that several files cover the rows that won (the join on id and source).
INSERT INTO recommendation_tag
WITH shared AS (
    SELECT country_iso3 FROM recommendation_keyed
    GROUP BY country_iso3 HAVING count(DISTINCT source_id) > 1
)
SELECT DISTINCT t.final_id, t.tag, m.theme_code
FROM (
    SELECT k.final_id, k.vocabulary, trim(unnest(k.tags)) AS tag
    FROM recommendation_keyed k
    WHERE k.country_iso3 NOT IN (SELECT country_iso3 FROM shared)
    UNION ALL
    SELECT k.final_id, k.vocabulary, trim(unnest(k.tags)) AS tag
    FROM recommendation_keyed k
    JOIN recommendation r ON r.id = k.final_id AND r.source_id = k.source_id
    WHERE k.country_iso3 IN (SELECT country_iso3 FROM shared)
) t
LEFT JOIN theme_map m ON m.vocabulary = t.vocabulary AND m.tag = t.tag
WHERE t.tag <> ''
