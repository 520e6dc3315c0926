-- Every loaded source file with its row counts and the years its data cover.
-- Grain: one row per source. first_year / last_year: min / max year over the observations,
-- recommendations, ratifications, events and implementation records it loaded (NULL when none).
WITH spans AS (
    SELECT source_id, min(year) AS first_year, max(year) AS last_year FROM observation GROUP BY source_id
    UNION ALL
    SELECT source_id, min(year), max(year) FROM recommendation GROUP BY source_id
    UNION ALL
    SELECT source_id, min(year), max(year) FROM ratification GROUP BY source_id
    UNION ALL
    SELECT source_id, min(year(date)), max(year(date)) FROM event GROUP BY source_id
    UNION ALL
    SELECT source_id, min(year(date)), max(year(date)) FROM implementation GROUP BY source_id
), covered AS (
    SELECT source_id, min(first_year) AS first_year, max(last_year) AS last_year
    FROM spans
    GROUP BY source_id
)
SELECT s.id, s.file, s.format, s.title, s.publisher, s.licence, s.rows_read, s.rows_loaded,
       s.rows_rejected, c.first_year, c.last_year, s.loaded_at, s.is_demo, s.sha256, s.url, s.accessed, s.citation
FROM source s
LEFT JOIN covered c ON c.source_id = s.id
ORDER BY s.is_demo, s.file, s.id
