-- Source tags that map to no theme and are not listed as outside the priorities on purpose
-- (data/reference/theme_outside.csv), with the number of recommendations carrying each.
SELECT t.tag, count(*) AS recommendations
FROM recommendation_tag t
WHERE t.theme_code IS NULL
  AND t.tag NOT IN (SELECT tag FROM theme_outside)
GROUP BY 1
ORDER BY 2 DESC, 1
