-- Every word occurrence, as written at build time: ordered by stem_id, doc, pos.
-- Grain: one row per (stem, text, position).
SELECT stem_id, doc, pos FROM search_posting
