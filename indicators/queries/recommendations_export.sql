-- Every recommendation matching the filters, every column, for CSV / Excel download.
-- Parameters (shared by recommendations_summary, _page and _export): countries VARCHAR[],
-- year_from, year_to, mechanism, body, recommending_state, action, response
-- (supported|noted|no_response|pledges), cycle (UPR: cycle_code; programming: by year), theme
-- (via recommendation_theme), status (latest implementation status, or none), terms VARCHAR[]
-- (every term must occur in the text; case-, accent- and ё/е-insensitive).
-- Grain: one row per recommendation; themes = theme codes '; '-joined in theme order;
-- implementation_status / _date = the latest record in implementation (NULL when none).
WITH filtered AS (
    SELECT r.*
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
), themes AS (
    SELECT rt.recommendation_id, string_agg(rt.theme_code, '; ' ORDER BY t.sort_order, rt.theme_code) AS themes
    FROM recommendation_theme rt
    JOIN theme t ON t.code = rt.theme_code
    WHERE rt.recommendation_id IN (SELECT id FROM filtered)
    GROUP BY rt.recommendation_id
), latest AS (
    SELECT recommendation_id, arg_max(status, date) AS implementation_status,
           max(date) AS implementation_date
    FROM implementation
    WHERE recommendation_id IN (SELECT id FROM filtered)
    GROUP BY recommendation_id
)
SELECT f.*, th.themes, l.implementation_status, l.implementation_date
FROM filtered f
LEFT JOIN themes th ON th.recommendation_id = f.id
LEFT JOIN latest l ON l.recommendation_id = f.id
ORDER BY f.year DESC, f.country_iso3, f.session NULLS LAST, f.id
