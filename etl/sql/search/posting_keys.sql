-- Every posting's stem and text as one key (stem_id << 32 | doc), in the table's order (by stem,
-- doc, position), for etl.search_index.texts_per_stem.
SELECT (stem_id::BIGINT << 32) | doc::BIGINT AS key FROM search_posting
