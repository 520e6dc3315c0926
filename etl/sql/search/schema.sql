-- The search index (built from recommendation.text at build time; read by indicators/search_index.py).
-- search_doc: one row per recommendation, its dense number. search_stem: one row per distinct stem.
-- search_word: one row per distinct folded word and its stem (prefix* queries look words up here).
-- search_posting: one row per word occurrence (stem, text, position), ordered by stem, doc, pos.
CREATE TABLE search_doc (doc INTEGER NOT NULL, recommendation_id VARCHAR NOT NULL);
CREATE TABLE search_stem (stem_id INTEGER NOT NULL, stem VARCHAR NOT NULL, texts INTEGER NOT NULL);
CREATE TABLE search_word (word VARCHAR NOT NULL, stem_id INTEGER NOT NULL);
CREATE TABLE search_posting (stem_id INTEGER NOT NULL, doc INTEGER NOT NULL, pos USMALLINT NOT NULL);
