-- The first key (country, indicator, year, disaggregation) given twice, with its first two rows.
SELECT country, indicator, year, disaggregation,
       list(source_row ORDER BY source_row)[1:2] AS source_rows
FROM staged
GROUP BY country, indicator, year, disaggregation
HAVING count(*) > 1
ORDER BY source_rows[2]
LIMIT 1
