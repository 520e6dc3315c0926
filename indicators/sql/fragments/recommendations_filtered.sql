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
-- earlier UPR cycle, recommendation_recurrence). The rows are `r`. A filter's
-- condition is in an `-- @if` block, left out of the query when the filter is not set.
    FROM recommendation r
    WHERE r.country_iso3 = ANY($countries::VARCHAR[])
      AND r.year BETWEEN $year_from AND $year_to
    -- @include recommendations_summary_filters
    -- @if body
      AND r.body = $body
    -- @end
    -- @if recommending_state
      AND r.recommending_state = $recommending_state
    -- @end
    -- @if action
      AND r.action_category = $action
    -- @end
    -- @if sdg
      AND list_contains(regexp_extract_all(r.sdgs, '(?:^|;\s*)(\d{1,2})\b', 1), $sdg)
    -- @end
    -- @if persons
      AND list_contains(list_transform(string_split(lower(r.affected_persons), ';'), lambda p: trim(p)), $persons)
    -- @end
    -- @if tag
      AND r.id IN (SELECT recommendation_id FROM recommendation_tag WHERE tag = $tag)
    -- @end
    -- @if status
      AND (($status = 'none' AND r.id NOT IN (SELECT recommendation_id FROM implementation))
           OR r.id IN (SELECT recommendation_id FROM implementation GROUP BY recommendation_id
                       HAVING arg_max(status, date) = $status))
    -- @end
    -- @if search
      AND r.rowid IN (SELECT doc FROM search_hits)
    -- @end
    -- @if recurs
      AND r.id IN (SELECT recommendation_id FROM recommendation_recurrence)
    -- @end
