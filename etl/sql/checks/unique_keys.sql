-- Grain checks: each returns the table whose key repeats. The observations' keys are grouped only
-- where a hash of the key repeats (one integer to group on instead of four columns).
SELECT 'observation' AS what, count(*) AS broken FROM (
  SELECT 1 FROM observation
  WHERE hash(indicator_code, country_iso3, year, disaggregation) IN (
      SELECT hash(indicator_code, country_iso3, year, disaggregation) AS key_hash FROM observation
      GROUP BY key_hash HAVING count(*) > 1)
  GROUP BY indicator_code, country_iso3, year, disaggregation HAVING count(*) > 1)
  HAVING count(*) > 0
UNION ALL SELECT 'recommendation', count(*) FROM (
  SELECT 1 FROM recommendation GROUP BY id HAVING count(*) > 1) HAVING count(*) > 0
UNION ALL SELECT 'recommendation_theme', count(*) FROM (
  SELECT 1 FROM recommendation_theme GROUP BY recommendation_id, theme_code HAVING count(*) > 1) HAVING count(*) > 0
UNION ALL SELECT 'ratification', count(*) FROM (
  SELECT 1 FROM ratification GROUP BY country_iso3, treaty, action HAVING count(*) > 1) HAVING count(*) > 0
