-- search_stem from the registered frame search_stems_frame (stem_id, stem, texts).
INSERT INTO search_stem SELECT stem_id, stem, texts FROM search_stems_frame
