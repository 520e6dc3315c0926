-- search_posting from the registered frame search_postings_frame, already ordered by stem_id, doc,
-- pos (the app slices one stem's rows; insertion order is kept).
INSERT INTO search_posting SELECT stem_id, doc, pos FROM search_postings_frame
