-- One page of a search's matches ($page_size rows from $offset), newest first, when only the filters
-- recommendation_summary answers are set (viewmodels.recommendations.page_query): the matched texts
-- (search_texts: each text's rowid and its row of recommendation_summary, registered by
-- indicators.queries.execute) whose summary row those filters keep, in stored order. The recommendations
-- are stored in the page's order (etl/sql/warehouse/recommendation.sql), so these are the rows
-- recommendations_page gives, found without a scan of every recommendation joined with the matches.
-- Grain: one row per recommendation; theme names '; '-joined; latest implementation status.
WITH chosen AS (
    SELECT h.doc AS row_id
    FROM search_texts h
    WHERE h.summary_row IN (
        SELECT r.rowid
        FROM recommendation_summary r
        WHERE r.country_iso3 = ANY($countries::VARCHAR[])
          AND r.year BETWEEN $year_from AND $year_to
        -- @include recommendations_summary_filters
    )
    ORDER BY h.doc
    LIMIT $page_size OFFSET $offset
-- @include recommendations_page_rows
