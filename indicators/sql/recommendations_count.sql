-- How many recommendations match the filters (the Recommendations page counts the voluntary pledges
-- it leaves out with it). Filters: indicators/sql/fragments/recommendations_filtered.sql.
-- Grain: one row.
SELECT count(*) AS recommendations
    -- @include recommendations_filtered
