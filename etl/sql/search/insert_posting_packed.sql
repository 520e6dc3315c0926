-- search_posting as insert_posting.sql writes it (ordered by stem, doc and position), sorted on one
-- packed key instead of three columns (about a third cheaper): stem id << 47 | doc << 16 | position.
-- Used while stem ids stay below 2^17 (docs are INTEGER: below 2^31; positions are capped at 65535).
INSERT INTO search_posting
SELECT (key >> 47)::INTEGER, ((key >> 16) & 2147483647)::INTEGER, (key & 65535)::USMALLINT
FROM (
    SELECT (w.stem_id::UBIGINT << 47) | (t.doc::UBIGINT << 16) | least(t.pos, 65535)::UBIGINT AS key
    FROM search_tokens t
    JOIN search_words_frame w ON w.word = t.word
)
ORDER BY key
