-- Every reference between warehouse tables resolves; returns one line per broken kind.
SELECT 'observation.indicator_code' AS what, count(*) AS broken FROM observation o
  WHERE o.indicator_code NOT IN (SELECT code FROM indicator) HAVING count(*) > 0
UNION ALL SELECT 'observation.country_iso3', count(*) FROM observation
  WHERE country_iso3 NOT IN (SELECT iso3 FROM country) HAVING count(*) > 0
UNION ALL SELECT 'recommendation.country_iso3', count(*) FROM recommendation
  WHERE country_iso3 NOT IN (SELECT iso3 FROM country) HAVING count(*) > 0
UNION ALL SELECT 'recommendation.cycle_code', count(*) FROM recommendation
  WHERE cycle_code IS NOT NULL AND cycle_code NOT IN (SELECT code FROM cycle) HAVING count(*) > 0
UNION ALL SELECT 'recommendation_theme.theme_code', count(*) FROM recommendation_theme
  WHERE theme_code NOT IN (SELECT code FROM theme) HAVING count(*) > 0
UNION ALL SELECT 'recommendation_theme.recommendation_id', count(*) FROM recommendation_theme
  WHERE recommendation_id NOT IN (SELECT id FROM recommendation) HAVING count(*) > 0
UNION ALL SELECT 'ratification.treaty', count(*) FROM ratification
  WHERE treaty NOT IN (SELECT code FROM treaty) HAVING count(*) > 0
UNION ALL SELECT 'event.country_iso3', count(*) FROM event
  WHERE country_iso3 NOT IN (SELECT iso3 FROM country) HAVING count(*) > 0
UNION ALL SELECT 'implementation.recommendation_id', count(*) FROM implementation
  WHERE recommendation_id NOT IN (SELECT id FROM recommendation) HAVING count(*) > 0
UNION ALL SELECT 'indicator.theme_code', count(*) FROM indicator
  WHERE theme_code IS NOT NULL AND theme_code NOT IN (SELECT code FROM theme) HAVING count(*) > 0
UNION ALL SELECT 'source of a row', count(*) FROM observation
  WHERE source_id NOT IN (SELECT id FROM source) HAVING count(*) > 0
