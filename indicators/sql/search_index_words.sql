-- The search index's folded words and their stems, alphabetical (prefix* queries bisect them).
-- Grain: one row per distinct word.
SELECT word, stem_id FROM search_word ORDER BY word
