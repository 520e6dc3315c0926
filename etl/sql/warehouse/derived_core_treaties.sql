-- Structural indicator derived from ratification records: core instruments (the 18 treaties
-- and optional protocols) a state is party to at the end of each year, from 1991 to the last
-- year the ratification data speak of. A file that gives the series itself wins.
INSERT INTO observation
SELECT 'core_treaties_ratified', c.country_iso3, y.year,
       count(DISTINCT r.treaty) FILTER (WHERE r.year <= y.year), NULL, NULL, '', true, NULL,
       $source_id
FROM (SELECT DISTINCT country_iso3 FROM ratification) c
CROSS JOIN (SELECT range AS year FROM range(1991, (SELECT max(year) FROM ratification) + 1)) y
LEFT JOIN ratification r
       ON r.country_iso3 = c.country_iso3
      AND r.action IN ('ratification', 'accession', 'succession', 'acceptance', 'approval',
                       'formal_confirmation')
      AND r.treaty IN (SELECT code FROM treaty WHERE sort_order <= 18)
WHERE EXISTS (SELECT 1 FROM indicator WHERE code = 'core_treaties_ratified')
  AND c.country_iso3 NOT IN (SELECT country_iso3 FROM observation
                             WHERE indicator_code = 'core_treaties_ratified')
GROUP BY c.country_iso3, y.year
