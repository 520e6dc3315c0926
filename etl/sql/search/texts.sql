-- Every recommendation text with its dense search number (ordered by id, so rebuilds agree).
SELECT (row_number() OVER (ORDER BY id) - 1)::INTEGER AS doc, id, text
FROM recommendation
ORDER BY doc
