-- Staged recommendations with resolved countries, a stable id and their UPR cycle.
-- The id hashes the content (and the occurrence of identical rows), so the same row from
-- two exports of the same data gets the same id and is kept once.
CREATE TEMP TABLE recommendation_keyed AS
WITH resolved AS (
    SELECT s.*, m.iso3 AS country_iso3, rs.iso3 AS recommending_iso3,
           o.load_order,
           row_number() OVER (PARTITION BY s.source_id, m.iso3, s.mechanism, s.body, s.session,
                                           s.recommending_state, s.text ORDER BY s.row) AS occurrence
    FROM stg_recommendation s
    JOIN country_map m ON m.raw = s.country
    LEFT JOIN country_map rs ON rs.raw = s.recommending_state
    JOIN source_order o ON o.source_id = s.source_id
)
SELECT r.*,
       coalesce(r.id, 'rec-' || substr(md5(concat_ws('|', r.country_iso3, r.mechanism, r.body,
                 coalesce(CAST(r.session AS VARCHAR), ''), coalesce(r.recommending_state, ''),
                 r.text, CAST(r.occurrence AS VARCHAR))), 1, 16)) AS final_id,
       coalesce(
           (SELECT c.code FROM cycle c WHERE c.kind = 'upr' AND r.session IS NOT NULL
              AND r.mechanism = 'upr' AND r.session BETWEEN c.first_session AND c.last_session),
           (SELECT c.code FROM cycle c WHERE c.kind = 'upr' AND r.date IS NOT NULL
              AND r.date BETWEEN c.start_date AND c.end_date),
           (SELECT min(c.code) FROM cycle c WHERE c.kind = 'upr' AND r.date IS NULL
              AND r.year BETWEEN year(c.start_date) AND year(c.end_date))
       ) AS cycle_code
FROM resolved r
