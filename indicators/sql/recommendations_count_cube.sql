-- recommendations_count from recommendation_summary (or a search's rows of it, search_summary: see
-- recommendations_summary_cube) when only the filters that table answers are set
-- (viewmodels.recommendations.count_query): the same count without a scan of every recommendation.
-- Grain: one row.
SELECT coalesce(sum(r.recommendations), 0)::BIGINT AS recommendations
-- @if search
FROM search_summary r
-- @else
FROM recommendation_summary r
-- @end
WHERE r.country_iso3 = ANY($countries::VARCHAR[])
  AND r.year BETWEEN $year_from AND $year_to
-- @include recommendations_summary_filters
