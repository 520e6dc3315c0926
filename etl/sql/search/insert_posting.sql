-- search_posting: every occurrence with its word's stem, ordered so that one stem's rows are
-- contiguous and sorted by doc and position (the app slices them by stem; positions capped).
INSERT INTO search_posting
SELECT w.stem_id, t.doc, least(t.pos, 65535)::USMALLINT
FROM search_tokens t
JOIN search_words_frame w ON w.word = t.word
ORDER BY w.stem_id, t.doc, t.pos
