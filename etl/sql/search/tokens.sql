-- Every word occurrence of every recommendation text: its rowid (doc), position and folded word.
-- Folding as indicators.search.normalise: lower case, accents stripped (й kept), ё -> е; words are
-- runs of letters, digits and _ (Python's \w). Grain: one row per (doc, pos).
CREATE TEMP TABLE search_tokens AS
SELECT doc, (generate_subscripts(words, 1) - 1)::INTEGER AS pos, unnest(words) AS word
FROM (
    SELECT rowid::INTEGER AS doc,
           regexp_extract_all(
               replace(replace(strip_accents(replace(lower(text), 'й', chr(1))), chr(1), 'й'), 'ё', 'е'),
               '[\p{L}\p{N}_]+') AS words
    FROM recommendation
)
