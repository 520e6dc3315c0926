-- One page of recommendations matching the filters ($page_size rows from $offset), newest first.
-- Parameters (shared by recommendations_summary, _page and _export): countries VARCHAR[],
-- year_from, year_to, mechanism, body, recommending_state, action, response
-- (supported|noted|no_response|pledges), cycle (UPR: cycle_code; programming: by year), theme
-- (via recommendation_theme), status (latest implementation status, or none), terms VARCHAR[]
-- (every term must occur in the text; case-, accent- and ё/е-insensitive).
-- Grain: one row per recommendation; themes (names, '; '-joined) and latest implementation status.
WITH page AS (
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
    ORDER BY r.year DESC, r.country_iso3, r.session NULLS LAST, r.id
    LIMIT $page_size OFFSET $offset
)
SELECT p.id, p.country_iso3, c.name_en AS country_name_en, c.name_ru AS country_name_ru,
       p.mechanism, p.body, p.recommending_state, p.session, p.cycle_code, p.year, p.text,
       p.response, p.is_pledge, p.action_category,
       (SELECT string_agg(t.name_en, '; ' ORDER BY t.sort_order) FROM recommendation_theme rt
        JOIN theme t ON t.code = rt.theme_code WHERE rt.recommendation_id = p.id) AS themes_en,
       (SELECT string_agg(t.name_ru, '; ' ORDER BY t.sort_order) FROM recommendation_theme rt
        JOIN theme t ON t.code = rt.theme_code WHERE rt.recommendation_id = p.id) AS themes_ru,
       (SELECT arg_max(i.status, i.date) FROM implementation i
        WHERE i.recommendation_id = p.id) AS implementation_status
FROM page p
LEFT JOIN country c ON c.iso3 = p.country_iso3
ORDER BY p.year DESC, p.country_iso3, p.session NULLS LAST, p.id
