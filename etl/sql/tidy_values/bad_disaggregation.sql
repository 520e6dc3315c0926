-- The first row whose disaggregation is malformed (checked on the distinct texts first).
SELECT min(s.source_row), d.text
FROM (SELECT text FROM (SELECT DISTINCT coalesce(trim(disaggregation), '') AS text FROM staged)
      WHERE canonical_disaggregation(text) IS NULL) d
JOIN staged s ON coalesce(trim(s.disaggregation), '') = d.text
GROUP BY d.text
ORDER BY 1
LIMIT 1
