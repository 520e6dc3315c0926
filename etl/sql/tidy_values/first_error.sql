-- The first staged tidy-values record with a missing or unreadable cell, and which column.
SELECT source_row,
       CASE
           WHEN country IS NULL THEN 'country'
           WHEN indicator IS NULL THEN 'indicator'
           WHEN year IS NULL THEN 'year'
           WHEN value IS NULL THEN 'value'
           WHEN lower_text IS NOT NULL THEN 'lower'
           WHEN upper_text IS NOT NULL THEN 'upper'
           WHEN disaggregation IS NULL THEN 'disaggregation'
       END AS column_name,
       year_text, value_text, lower_text, upper_text, disaggregation_text
FROM staged
WHERE country IS NULL OR indicator IS NULL OR year IS NULL OR value IS NULL
   OR lower_text IS NOT NULL OR upper_text IS NOT NULL OR disaggregation IS NULL
ORDER BY source_row
LIMIT 1
