-- Number of texts in the search index (doc numbers are 0 .. texts - 1).
SELECT count(*) AS texts FROM search_doc
