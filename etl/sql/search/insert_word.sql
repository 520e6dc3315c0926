-- search_word from the registered frame search_words_frame (word, stem_id).
INSERT INTO search_word SELECT word, stem_id FROM search_words_frame ORDER BY word
