-- Grain: one row per recommendation (per recommending state for UPR Info rows), with the theme
-- codes its tags map to (theme_codes, the same rule as recommendation_tag -> recommendation_theme,
-- in theme order) so that theme filters and counts need no join on the id. Ids are unique
-- within a file; where two files hold the same recommendation the first loaded wins. Only
-- countries that more than one file covers need that ranking; the rest are copied as they are.
INSERT INTO recommendation
WITH shared AS (
    SELECT country_iso3 FROM recommendation_keyed
    GROUP BY country_iso3 HAVING count(DISTINCT source_id) > 1
), kept AS (
    SELECT * EXCLUDE (rank) FROM (
        SELECT *, row_number() OVER (PARTITION BY final_id ORDER BY load_order, row) AS rank
        FROM recommendation_keyed
        WHERE country_iso3 IN (SELECT country_iso3 FROM shared)
    ) WHERE rank = 1
    UNION ALL
    SELECT * FROM recommendation_keyed WHERE country_iso3 NOT IN (SELECT country_iso3 FROM shared)
), tag_sets AS (
    -- the themes are worked out once per distinct set of tags (a few thousand), not once per row
    SELECT DISTINCT vocabulary, tags FROM recommendation_keyed
), tag_themes AS (
    -- the themes its tags map to: the same rule as recommendation_tag / recommendation_theme
    SELECT DISTINCT t.vocabulary, t.tags, m.theme_code
    FROM (SELECT vocabulary, tags, trim(unnest(tags)) AS tag FROM tag_sets) t
    JOIN theme_map m ON m.vocabulary = t.vocabulary AND m.tag = t.tag
    WHERE t.tag <> '' AND m.theme_code IS NOT NULL
), themes_of AS (
    SELECT tt.vocabulary, tt.tags, list(tt.theme_code ORDER BY th.sort_order, tt.theme_code) AS theme_codes
    FROM tag_themes tt
    JOIN theme th ON th.code = tt.theme_code
    GROUP BY tt.vocabulary, tt.tags
)
SELECT k.final_id, k.country_iso3, k.mechanism, k.body,
       coalesce(c.name_en, k.recommending_state), k.recommending_iso3, k.session, k.cycle_code,
       coalesce(k.year, year(k.date)), k.date, k.document, k.paragraph, k.position_source, k.text, k.response, k.action_category, k.is_pledge,
       k.affected_persons, k.sdgs, array_to_string(k.tags, '; '), k.source_id,
       hash(lower(trim(k.text))), coalesce(th.theme_codes, []::VARCHAR[]),
       coalesce(k.also_in, []::VARCHAR[])
FROM kept k
LEFT JOIN country c ON c.iso3 = k.recommending_iso3
LEFT JOIN themes_of th ON th.vocabulary = k.vocabulary AND th.tags = k.tags
-- stored in the Recommendations page's order (newest first): its page query reads a few row groups
ORDER BY coalesce(k.year, year(k.date)) DESC NULLS LAST, k.country_iso3, k.session NULLS LAST, k.final_id
