-- search_doc from the registered frame search_docs_frame (doc, id).
INSERT INTO search_doc SELECT doc, id FROM search_docs_frame
