-- Country names that did not resolve, with the first file and row each occurs in.
-- An ambiguous name says which countries it could be (country_refused).
SELECT source_id, min(row) AS row, 'country' AS field,
       coalesce(any_value(r.detail), 'unknown country ' || coalesce(country, '(empty)')) AS detail
FROM (
    SELECT source_id, row, country FROM stg_observation
    UNION ALL SELECT source_id, row, country FROM stg_recommendation
    UNION ALL SELECT source_id, row, country FROM stg_ratification
    UNION ALL SELECT source_id, row, country FROM stg_event
) s
LEFT JOIN country_map m ON m.raw = s.country
LEFT JOIN country_refused r ON r.raw = s.country
WHERE m.iso3 IS NULL
GROUP BY source_id, country
ORDER BY 1, 2
