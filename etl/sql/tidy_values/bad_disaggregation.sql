-- Of the distinct texts ($texts), the first malformed one and the first row that holds it.
-- The texts are checked apart from the rows, so the pattern runs once per text, not per row.
WITH bad AS (
    SELECT text FROM (SELECT unnest($texts::VARCHAR[]) AS text)
    WHERE canonical_disaggregation(text) IS NULL
)
SELECT min(s.source_row), s.disaggregation
FROM staged s
WHERE list_contains((SELECT list(text) FROM bad), coalesce(trim(s.disaggregation), ''))
GROUP BY s.disaggregation
ORDER BY 1
LIMIT 1
