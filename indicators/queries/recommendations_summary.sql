-- Recommendations matching the filters: the total, and counts by theme and by cycle of $cycle_kind.
-- Parameters (shared by recommendations_summary, _page and _export): countries VARCHAR[],
-- year_from, year_to, mechanism, body, recommending_state, action, response
-- (supported|noted|no_response|pledges), cycle (UPR: cycle_code; programming: by year), theme
-- (via recommendation_theme), status (latest implementation status, or none), terms VARCHAR[]
-- (every term must occur in the text; case-, accent- and ё/е-insensitive).
-- Grain: one row per (facet, code); facet total|theme|cycle.
WITH filtered AS MATERIALIZED (
    SELECT r.id, r.cycle_code, r.year
    FROM recommendation r
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
      AND ($theme::VARCHAR IS NULL
           OR r.id IN (SELECT recommendation_id FROM recommendation_theme WHERE theme_code = $theme))
      AND ($status::VARCHAR IS NULL
           OR ($status = 'none' AND r.id NOT IN (SELECT recommendation_id FROM implementation))
           OR r.id IN (SELECT recommendation_id FROM implementation GROUP BY recommendation_id
                       HAVING arg_max(status, date) = $status))
      AND (len($terms::VARCHAR[]) = 0
           OR list_bool_and(list_transform($terms::VARCHAR[],
                lambda term: contains(replace(strip_accents(lower(r.text)), 'ё', 'е'),
                                      replace(strip_accents(lower(term)), 'ё', 'е')))))
)
SELECT 'total' AS facet, NULL::VARCHAR AS code, NULL::VARCHAR AS name_en, NULL::VARCHAR AS name_ru,
       0 AS sort_order, count(*) AS recommendations, min(year) AS year_min, max(year) AS year_max
FROM filtered
UNION ALL
SELECT 'theme', t.code, t.name_en, t.name_ru, t.sort_order, count(*), min(f.year), max(f.year)
FROM filtered f
JOIN recommendation_theme rt ON rt.recommendation_id = f.id
JOIN theme t ON t.code = rt.theme_code
GROUP BY t.code, t.name_en, t.name_ru, t.sort_order
UNION ALL
SELECT 'cycle', c.code, c.name, c.name_ru, row_number() OVER (ORDER BY c.start_date)::INTEGER,
       count(*), min(f.year), max(f.year)
FROM filtered f
JOIN cycle c ON c.kind = $cycle_kind
            AND CASE WHEN c.kind = 'upr' THEN f.cycle_code = c.code
                     ELSE f.year BETWEEN year(c.start_date) AND year(c.end_date) END
GROUP BY c.code, c.name, c.name_ru, c.start_date
ORDER BY facet DESC, sort_order
