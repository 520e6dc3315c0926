-- recommendations_summary from recommendation_summary (built with the warehouse: a few thousand rows)
-- instead of a scan of every recommendation: the same rows when only the filters that table can answer
-- are set (countries, years, mechanism, response, cycle, theme; viewmodels.recommendations.summary_query).
-- With a search, its rows of that table instead (search_summary: each row counting the matched texts it
-- holds, registered by indicators.queries.execute).
-- Grain: one row per (facet, code); facet total | theme | cycle.
WITH grouped AS MATERIALIZED (
    SELECT r.cycle_code, r.year, r.theme_codes, sum(r.recommendations)::BIGINT AS recommendations
    -- @if search
    FROM search_summary r
    -- @else
    FROM recommendation_summary r
    -- @end
    WHERE r.country_iso3 = ANY($countries::VARCHAR[])
      AND r.year BETWEEN $year_from AND $year_to
    -- @include recommendations_summary_filters
    GROUP BY ALL
-- @include recommendations_facets
