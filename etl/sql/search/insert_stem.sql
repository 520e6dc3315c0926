-- search_stem from the registered frame search_stems_frame (stem_id, stem, texts: the texts holding it).
INSERT INTO search_stem SELECT stem_id, stem, texts FROM search_stems_frame ORDER BY stem_id
