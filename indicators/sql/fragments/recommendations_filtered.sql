-- Fragment: FROM and WHERE of the recommendations matching the page's filters, shared by
-- recommendations_summary, _page and _export (each includes it with `-- @include`). Parameters:
-- countries VARCHAR[], year_from, year_to, mechanism, body, recommending_state, action, response
-- (supported|noted|no_response|pledges; NULL = every recommendation, voluntary pledges left out: a
-- pledge is not a recommendation received, and is listed only when $response = 'pledges'), cycle (UPR cycle: cycle_code; programming cycle: by
-- year), theme (in recommendation.theme_codes), status (latest implementation status, or 'none'),
-- sdg (a goal number as text: '16'), persons (an affected group, lower case), tag (a source's
-- issue tag in recommendation_tag, whether or not it maps to a ROCA theme),
-- search (true: keep only the texts in search_hits, the rowids a search matched, registered
-- by indicators.queries.execute), recurs (true: only recommendations that repeat one of an
-- earlier UPR cycle, recommendation_recurrence). The rows are `r`.
    FROM recommendation r
    WHERE list_contains($countries::VARCHAR[], r.country_iso3)
      AND r.year BETWEEN $year_from AND $year_to
      AND ($mechanism::VARCHAR IS NULL OR r.mechanism = $mechanism)
      AND ($body::VARCHAR IS NULL OR r.body = $body)
      AND ($recommending_state::VARCHAR IS NULL OR r.recommending_state = $recommending_state)
      AND ($action::INTEGER IS NULL OR r.action_category = $action)
      AND (($response::VARCHAR IS NULL AND NOT r.is_pledge)
           OR CASE $response WHEN 'pledges' THEN r.is_pledge
                             WHEN 'no_response' THEN r.response IS NULL AND NOT r.is_pledge
                             ELSE r.response = $response END)
      AND ($cycle::VARCHAR IS NULL OR r.cycle_code = $cycle
           OR r.year BETWEEN (SELECT year(start_date) FROM cycle WHERE code = $cycle AND kind = 'programming')
                         AND (SELECT year(end_date) FROM cycle WHERE code = $cycle AND kind = 'programming'))
      AND ($theme::VARCHAR IS NULL OR list_contains(r.theme_codes, $theme))
      AND ($sdg::VARCHAR IS NULL OR list_contains(regexp_extract_all(r.sdgs, '(?:^|;\s*)(\d{1,2})\b', 1), $sdg))
      AND ($persons::VARCHAR IS NULL
           OR list_contains(list_transform(string_split(lower(r.affected_persons), ';'), lambda p: trim(p)), $persons))
      AND ($tag::VARCHAR IS NULL
           OR r.id IN (SELECT recommendation_id FROM recommendation_tag WHERE tag = $tag))
      AND ($status::VARCHAR IS NULL
           OR ($status = 'none' AND r.id NOT IN (SELECT recommendation_id FROM implementation))
           OR r.id IN (SELECT recommendation_id FROM implementation GROUP BY recommendation_id
                       HAVING arg_max(status, date) = $status))
      AND (NOT $search OR r.rowid IN (SELECT doc FROM search_hits))
      AND (NOT $recurs OR r.id IN (SELECT recommendation_id FROM recommendation_recurrence))
