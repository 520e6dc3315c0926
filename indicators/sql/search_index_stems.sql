-- The search index's stems (for the in-memory index of indicators/search_index.py).
-- Grain: one row per stem.
SELECT stem_id, stem, texts FROM search_stem ORDER BY stem_id
