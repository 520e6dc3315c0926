-- Grain: one row per recommendation (per recommending state for UPR Info rows).
INSERT INTO recommendation
SELECT final_id, country_iso3, mechanism, body,
       coalesce(c.name_en, k.recommending_state), k.recommending_iso3, session, cycle_code,
       coalesce(k.year, year(k.date)), k.date, document, text, response, action_category, is_pledge,
       affected_persons, sdgs, array_to_string(tags, '; '), source_id,
       hash(lower(trim(text)))
FROM (
    SELECT *, row_number() OVER (PARTITION BY final_id ORDER BY load_order, row) AS rank
    FROM recommendation_keyed
) k
LEFT JOIN country c ON c.iso3 = k.recommending_iso3
WHERE rank = 1
