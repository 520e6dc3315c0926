-- Staged tidy values as the canonical `observation` frame.
SELECT indicator AS indicator_code, country, year, value, lower, upper, disaggregation, note,
       source_row AS "row"
FROM staged
