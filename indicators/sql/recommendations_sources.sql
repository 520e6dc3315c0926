-- Publishers of the files the matching recommendations come from (the charts' source line): the
-- recommendations of the page's filters (fragments/recommendations_filtered.sql, as
-- recommendations_summary counts them). recommendations_sources_cube gives the same rows from
-- recommendation_summary when its filters are enough.
SELECT DISTINCT coalesce(s.publisher, s.file) AS publisher
FROM source s
WHERE s.id IN (
    SELECT DISTINCT r.source_id
    -- @include recommendations_filtered
)
ORDER BY publisher
