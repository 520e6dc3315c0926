-- Recommendations matching the filters: the total, and counts by theme and by cycle of $cycle_kind.
-- Filters (the same block in recommendations_summary, _page and _export): countries VARCHAR[],
-- year_from, year_to, mechanism, body, recommending_state, action, response
-- (supported|noted|no_response|pledges), cycle (UPR cycle: cycle_code; programming cycle: by year),
-- theme (recommendation.theme_codes: recommendation_theme denormalised, no join on the id),
-- status (latest implementation status, or 'none'),
-- term1..term8 (NULL or a word/phrase; every one given must occur in the text; case-, accent-
-- and ё/е-insensitive: replace(strip_accents(lower(...)), 'ё', 'е') on both sides).
-- Grain: one row per (facet, code); facet total | theme | cycle.
WITH grouped AS MATERIALIZED (
    -- one scan: the matching rows counted per UPR cycle code, year and set of themes
    SELECT r.cycle_code, r.year, r.theme_codes, count(*) AS recommendations
    FROM (SELECT *, replace(strip_accents(lower(text)), 'ё', 'е') AS folded FROM recommendation) r
    WHERE list_contains($countries::VARCHAR[], r.country_iso3)
      AND r.year BETWEEN $year_from AND $year_to
      AND ($mechanism::VARCHAR IS NULL OR r.mechanism = $mechanism)
      AND ($body::VARCHAR IS NULL OR r.body = $body)
      AND ($recommending_state::VARCHAR IS NULL OR r.recommending_state = $recommending_state)
      AND ($action::INTEGER IS NULL OR r.action_category = $action)
      AND ($response::VARCHAR IS NULL
           OR CASE $response WHEN 'pledges' THEN r.is_pledge
                             WHEN 'no_response' THEN r.response IS NULL AND NOT r.is_pledge
                             ELSE r.response = $response END)
      AND ($cycle::VARCHAR IS NULL OR r.cycle_code = $cycle
           OR r.year BETWEEN (SELECT year(start_date) FROM cycle WHERE code = $cycle AND kind = 'programming')
                         AND (SELECT year(end_date) FROM cycle WHERE code = $cycle AND kind = 'programming'))
      AND ($theme::VARCHAR IS NULL OR list_contains(r.theme_codes, $theme))
      AND ($status::VARCHAR IS NULL
           OR ($status = 'none' AND r.id NOT IN (SELECT recommendation_id FROM implementation))
           OR r.id IN (SELECT recommendation_id FROM implementation GROUP BY recommendation_id
                       HAVING arg_max(status, date) = $status))
      AND ($term1::VARCHAR IS NULL OR contains(r.folded, replace(strip_accents(lower($term1)), 'ё', 'е')))
      AND ($term2::VARCHAR IS NULL OR contains(r.folded, replace(strip_accents(lower($term2)), 'ё', 'е')))
      AND ($term3::VARCHAR IS NULL OR contains(r.folded, replace(strip_accents(lower($term3)), 'ё', 'е')))
      AND ($term4::VARCHAR IS NULL OR contains(r.folded, replace(strip_accents(lower($term4)), 'ё', 'е')))
      AND ($term5::VARCHAR IS NULL OR contains(r.folded, replace(strip_accents(lower($term5)), 'ё', 'е')))
      AND ($term6::VARCHAR IS NULL OR contains(r.folded, replace(strip_accents(lower($term6)), 'ё', 'е')))
      AND ($term7::VARCHAR IS NULL OR contains(r.folded, replace(strip_accents(lower($term7)), 'ё', 'е')))
      AND ($term8::VARCHAR IS NULL OR contains(r.folded, replace(strip_accents(lower($term8)), 'ё', 'е')))
    GROUP BY ALL
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
