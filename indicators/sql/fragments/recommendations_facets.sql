-- Fragment: the rest of a recommendations summary's WITH after its `grouped` CTE (recommendations
-- per UPR cycle code, year and set of themes): the total, and counts by theme and by cycle of
-- $cycle_kind. Shared by recommendations_summary and recommendations_summary_cube.
), by_cycle_year AS (
    SELECT cycle_code, year, sum(recommendations) AS recommendations
    FROM grouped
    GROUP BY cycle_code, year
), by_theme AS (
    SELECT theme_code, sum(recommendations)::BIGINT AS recommendations
    FROM (SELECT unnest(theme_codes) AS theme_code, recommendations FROM grouped)
    GROUP BY theme_code
)
SELECT 'total' AS facet, NULL::VARCHAR AS code, NULL::VARCHAR AS name_en, NULL::VARCHAR AS name_ru,
       0 AS sort_order, coalesce(sum(recommendations), 0)::BIGINT AS recommendations,
       min(year) AS year_min, max(year) AS year_max
FROM by_cycle_year
UNION ALL
SELECT 'theme', t.code, t.name_en, t.name_ru, t.sort_order, b.recommendations, NULL, NULL
FROM by_theme b
JOIN theme t ON t.code = b.theme_code
UNION ALL
SELECT 'cycle', c.code, c.name, c.name_ru, c.sort_order, sum(b.recommendations)::BIGINT,
       min(b.year), max(b.year)
FROM (SELECT *, row_number() OVER (ORDER BY start_date)::INTEGER AS sort_order
      FROM cycle WHERE kind = $cycle_kind) c
JOIN by_cycle_year b
  ON CASE WHEN c.kind = 'upr' THEN b.cycle_code = c.code
          ELSE b.year BETWEEN year(c.start_date) AND year(c.end_date) END
GROUP BY c.code, c.name, c.name_ru, c.sort_order
ORDER BY facet DESC, sort_order
