-- Grain checks: each returns the table whose key repeats.
SELECT 'observation' AS what, count(*) AS broken FROM (
  SELECT 1 FROM observation GROUP BY indicator_code, country_iso3, year, disaggregation HAVING count(*) > 1)
  HAVING count(*) > 0
UNION ALL SELECT 'recommendation', count(*) FROM (
  SELECT 1 FROM recommendation GROUP BY id HAVING count(*) > 1) HAVING count(*) > 0
UNION ALL SELECT 'recommendation_theme', count(*) FROM (
  SELECT 1 FROM recommendation_theme GROUP BY recommendation_id, theme_code HAVING count(*) > 1) HAVING count(*) > 0
UNION ALL SELECT 'ratification', count(*) FROM (
  SELECT 1 FROM ratification GROUP BY country_iso3, treaty, action HAVING count(*) > 1) HAVING count(*) > 0
