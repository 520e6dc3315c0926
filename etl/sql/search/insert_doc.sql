-- search_doc: every recommendation's search number (its rowid) and id.
INSERT INTO search_doc SELECT rowid::INTEGER, id FROM recommendation
