-- The first key (indicator, country, year, canonical disaggregation) given twice, with its
-- first two rows (`observations` is the typed_observation frame).
SELECT country, indicator_code, year, disaggregation, list("row" ORDER BY "row")[1:2] AS rows
FROM observations
GROUP BY ALL
HAVING count(*) > 1
ORDER BY rows[2]
LIMIT 1
