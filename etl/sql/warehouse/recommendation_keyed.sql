-- Staged recommendations with resolved countries, a stable id and their UPR cycle.
-- The id hashes the content (and the occurrence of identical rows), so the same row from
-- two exports of the same data gets the same id and is kept once. The cycle is looked up once
-- per distinct (mechanism, session, date, year), not once per row. Only contents that occur more
-- than once in a file are numbered by a window (a grouping finds them); the others are occurrence 1.
CREATE TEMP TABLE recommendation_keyed AS
WITH cycle_keys AS (
    SELECT DISTINCT mechanism, session, date, year FROM stg_recommendation
), cycle_of AS (
    SELECT k.*,
           coalesce(
               (SELECT min(c.code) FROM cycle c WHERE c.kind = 'upr' AND k.mechanism = 'upr'
                  AND k.session BETWEEN c.first_session AND c.last_session),
               (SELECT min(c.code) FROM cycle c WHERE c.kind = 'upr'
                  AND k.date BETWEEN c.start_date AND c.end_date),
               (SELECT min(c.code) FROM cycle c WHERE c.kind = 'upr' AND k.date IS NULL
                  AND k.year BETWEEN year(c.start_date) AND year(c.end_date))
           ) AS cycle_code
    FROM cycle_keys k
), resolved AS MATERIALIZED (
    SELECT s.*, m.iso3 AS country_iso3, rs.iso3 AS recommending_iso3, o.load_order,
           md5(concat_ws('|', m.iso3, s.mechanism, s.body, coalesce(CAST(s.session AS VARCHAR), ''),
                         coalesce(s.recommending_state, ''), s.text)) AS content_key
    FROM stg_recommendation s
    JOIN country_map m ON m.raw = s.country
    LEFT JOIN country_map rs ON rs.raw = s.recommending_state
    JOIN source_order o ON o.source_id = s.source_id
), repeated AS (
    -- contents that occur more than once in a file: only their rows need numbering
    SELECT source_id, content_key FROM resolved GROUP BY ALL HAVING count(*) > 1
), occurrences AS (
    SELECT r.*, 1 AS occurrence FROM resolved r ANTI JOIN repeated p USING (source_id, content_key)
    UNION ALL
    SELECT r.*, row_number() OVER (PARTITION BY r.source_id, r.content_key ORDER BY r.row) AS occurrence
    FROM resolved r SEMI JOIN repeated p USING (source_id, content_key)
)
SELECT r.* EXCLUDE (occurrence),
       coalesce(r.id, 'rec-' || substr(md5(r.content_key || '|' || CAST(r.occurrence AS VARCHAR)), 1, 16)) AS final_id,
       c.cycle_code,
       []::VARCHAR[] AS also_in
FROM occurrences r
LEFT JOIN cycle_of c
       ON c.mechanism IS NOT DISTINCT FROM r.mechanism AND c.session IS NOT DISTINCT FROM r.session
      AND c.date IS NOT DISTINCT FROM r.date AND c.year IS NOT DISTINCT FROM r.year
