-- The years the warehouse holds (observations, recommendations, ratifications) and the span of its
-- cycles: the shared filters' year bounds and default range come from these (ui/filters.py).
-- Grain: one row.
WITH dated AS (
    SELECT year FROM observation
    UNION ALL SELECT year FROM recommendation
    UNION ALL SELECT year FROM ratification WHERE year IS NOT NULL
)
SELECT (SELECT min(year) FROM dated) AS first_year,
       (SELECT max(year) FROM dated) AS last_year,
       (SELECT min(year(start_date)) FROM cycle) AS first_cycle_year,
       (SELECT max(year(end_date)) FROM cycle) AS last_cycle_year
