-- recommendations_sources from recommendation_summary (or a search's rows of it, search_summary), when
-- only the filters that table can answer are set: the publishers of the files the matching
-- recommendations come from.
SELECT DISTINCT coalesce(s.publisher, s.file) AS publisher
FROM source s
WHERE s.id IN (
    SELECT DISTINCT r.source_id
    -- @if search
    FROM search_summary r
    -- @else
    FROM recommendation_summary r
    -- @end
    WHERE r.country_iso3 = ANY($countries::VARCHAR[])
      AND r.year BETWEEN $year_from AND $year_to
    -- @include recommendations_summary_filters
)
ORDER BY publisher
