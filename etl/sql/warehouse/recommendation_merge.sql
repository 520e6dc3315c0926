-- One recommendation, one row: the same UPR recommendation from two publishers (UHRI, OHCHR's
-- thematic list, UPR Info) is kept once. Same state under review, session and recommending
-- state, and the same text once case, accents and punctuation are set aside. Rows of a
-- multi-state recommendation ('Canada; France') match each state's row. The row kept is the
-- richest source's (UHRI, then the thematic list, then others; then load order); it takes the
-- fields it lacks from the rows merged into it, and lists their sources in also_in. Rows of the
-- same reader are left to recommendation.sql (same content, same id: first file wins).

-- The text with case, accents, ё/е, spaces and punctuation set aside (replace() is several
-- times faster than a regular expression here).
CREATE OR REPLACE TEMP MACRO folded_text(text) AS replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(strip_accents(lower(text)), 'ё', 'е'), ' ', ''), chr(9), ''), chr(10), ''), '.', ''), ',', ''), ';', ''), ':', ''), '!', ''), '?', ''), '''', ''), '’', ''), '‘', ''), '"', ''), '“', ''), '”', ''), '«', ''), '»', ''), '(', ''), ')', ''), '[', ''), ']', ''), '-', ''), '–', ''), '—', ''), '/', '');

-- The rows that may match: UPR rows of reviews that more than one reader covers, one per state.
CREATE TEMP TABLE merge_candidate AS
WITH shared AS (
    SELECT country_iso3, session FROM recommendation_keyed
    WHERE mechanism = 'upr' AND session IS NOT NULL AND NOT is_pledge
    GROUP BY ALL HAVING count(DISTINCT split_part(source_id, ':', 1)) > 1
), candidates AS (
    SELECT k.source_id, k.final_id, k.country_iso3, k.session, k.load_order, k.row,
           split_part(k.source_id, ':', 1) AS reader,
           CASE split_part(k.source_id, ':', 1) WHEN 'uhri' THEN 1 WHEN 'ohchr_thematic_list' THEN 2
                ELSE 3 END AS richness,
           k.folded, trim(unnest(string_split(coalesce(k.recommending_state, ''), '; '))) AS state
    FROM (SELECT r.*, hash(folded_text(r.text)) AS folded       -- the text folded once, before unnest
          FROM recommendation_keyed r
          JOIN shared s ON s.country_iso3 = r.country_iso3 AND s.session = r.session
          WHERE r.mechanism = 'upr' AND NOT r.is_pledge) k
), keyed AS (
    SELECT c.*, coalesce(m.iso3, lower(c.state)) AS state_key
    FROM candidates c
    LEFT JOIN country_map m ON m.raw = c.state
), occurrences AS (
    -- the n-th identical recommendation of a file matches the n-th of another file
    SELECT *, row_number() OVER (PARTITION BY hash(source_id, country_iso3, session, state_key, folded)
                                 ORDER BY row, final_id) AS occurrence,
           richness * 1000000000000000 + load_order * 10000000000 + row AS priority
    FROM keyed
)
SELECT * FROM occurrences;

CREATE TEMP TABLE recommendation_merged AS
WITH winners AS (
    SELECT country_iso3, session, state_key, folded, occurrence,
           arg_min(source_id, priority) AS winner_source, arg_min(final_id, priority) AS winner_id,
           arg_min(reader, priority) AS winner_reader
    FROM merge_candidate
    GROUP BY ALL
    HAVING min(reader) <> max(reader)
)
SELECT o.source_id, o.final_id, min(w.winner_source) AS winner_source,
       arg_min(w.winner_id, w.winner_source) AS winner_id
FROM merge_candidate o
JOIN winners w USING (country_iso3, session, state_key, folded, occurrence)
WHERE o.reader <> w.winner_reader
GROUP BY o.source_id, o.final_id;

UPDATE recommendation_keyed k
SET document = coalesce(k.document, f.document), paragraph = coalesce(k.paragraph, f.paragraph),
    position_source = coalesce(k.position_source, f.position_source),
    affected_persons = coalesce(k.affected_persons, f.affected_persons), sdgs = coalesce(k.sdgs, f.sdgs),
    action_category = coalesce(k.action_category, f.action_category), date = coalesce(k.date, f.date),
    response = coalesce(k.response, f.response), also_in = f.also_in
FROM (
    SELECT m.winner_source, m.winner_id,
           first(l.document ORDER BY l.load_order) FILTER (WHERE l.document IS NOT NULL) AS document,
           first(l.paragraph ORDER BY l.load_order) FILTER (WHERE l.paragraph IS NOT NULL) AS paragraph,
           first(l.position_source ORDER BY l.load_order) FILTER (WHERE l.position_source IS NOT NULL) AS position_source,
           first(l.affected_persons ORDER BY l.load_order) FILTER (WHERE l.affected_persons IS NOT NULL) AS affected_persons,
           first(l.sdgs ORDER BY l.load_order) FILTER (WHERE l.sdgs IS NOT NULL) AS sdgs,
           first(l.action_category ORDER BY l.load_order) FILTER (WHERE l.action_category IS NOT NULL) AS action_category,
           first(l.date ORDER BY l.load_order) FILTER (WHERE l.date IS NOT NULL) AS date,
           first(l.response ORDER BY l.load_order) FILTER (WHERE l.response IS NOT NULL) AS response,
           list(DISTINCT l.source_id ORDER BY l.source_id) AS also_in
    FROM recommendation_merged m
    JOIN recommendation_keyed l ON l.source_id = m.source_id AND l.final_id = m.final_id
    GROUP BY ALL
) f
WHERE k.source_id = f.winner_source AND k.final_id = f.winner_id;

DELETE FROM recommendation_keyed k
WHERE EXISTS (SELECT 1 FROM recommendation_merged m
              WHERE m.source_id = k.source_id AND m.final_id = k.final_id);
