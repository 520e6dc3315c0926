-- The first record of a typed tidy-values table with an empty required cell, a year that is
-- not whole, or a number that is not finite; with the cell's text for the message.
SELECT source_row, column_name, cell
FROM (
    SELECT source_row,
           CASE
               WHEN country IS NULL OR trim(country) = '' THEN 'country'
               WHEN indicator IS NULL OR trim(indicator) = '' THEN 'indicator'
               WHEN year IS NULL OR year <> round(year) THEN 'year'
               WHEN value IS NULL OR NOT isfinite(value) THEN 'value'
               WHEN NOT isfinite(lower) THEN 'lower'
               WHEN NOT isfinite(upper) THEN 'upper'
           END AS column_name,
           CASE column_name WHEN 'year' THEN CAST(year AS VARCHAR) WHEN 'value' THEN CAST(value AS VARCHAR)
                WHEN 'lower' THEN CAST(lower AS VARCHAR) WHEN 'upper' THEN CAST(upper AS VARCHAR) END AS cell
    FROM staged
)
WHERE column_name IS NOT NULL
ORDER BY source_row
LIMIT 1
