-- search_stem from the registered frame search_stems_frame (stem_id, stem) and the postings.
INSERT INTO search_stem
SELECT s.stem_id, s.stem, coalesce(p.texts, 0)::INTEGER
FROM search_stems_frame s
LEFT JOIN (SELECT stem_id, count(DISTINCT doc) AS texts FROM search_posting GROUP BY stem_id) p
  ON p.stem_id = s.stem_id
