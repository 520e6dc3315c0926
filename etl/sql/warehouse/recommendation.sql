-- Grain: one row per recommendation (per recommending state for UPR Info rows). Ids are unique
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
)
SELECT final_id, country_iso3, mechanism, body,
       coalesce(c.name_en, k.recommending_state), k.recommending_iso3, session, cycle_code,
       coalesce(k.year, year(k.date)), k.date, document, text, response, action_category, is_pledge,
       affected_persons, sdgs, array_to_string(tags, '; '), source_id,
       hash(lower(trim(text)))
FROM kept k
LEFT JOIN country c ON c.iso3 = k.recommending_iso3
