-- One page of recommendations matching the filters ($page_size rows from $offset), newest first.
-- Filters: indicators/sql/fragments/recommendations_filtered.sql (shared by the three
-- recommendations_* queries); the page's columns: fragments/recommendations_page_rows.sql.
-- Grain: one row per recommendation; theme names '; '-joined; latest implementation status.
WITH chosen AS (
    -- the page's rows found on their sort keys alone; the wide columns are read for them only
    SELECT r.rowid AS row_id
    -- @include recommendations_filtered
    ORDER BY r.year DESC, r.country_iso3, r.session NULLS LAST, r.id
    LIMIT $page_size OFFSET $offset
-- @include recommendations_page_rows
