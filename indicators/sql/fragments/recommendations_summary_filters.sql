-- Fragment: the conditions of the recommendations filters that recommendation_summary can answer too
-- (mechanism, response, cycle, theme on the rows `r`, which both tables have), shared by
-- recommendations_filtered and recommendations_summary_cube. Each is in an `-- @if` block.
    -- @if mechanism
      AND r.mechanism = $mechanism
    -- @end
    -- @if response
      AND CASE $response WHEN 'pledges' THEN r.is_pledge
                         WHEN 'no_response' THEN r.response IS NULL AND NOT r.is_pledge
                         ELSE r.response = $response END
    -- @else
      AND NOT r.is_pledge
    -- @end
    -- @if cycle
      AND (r.cycle_code = $cycle
           OR r.year BETWEEN (SELECT year(start_date) FROM cycle WHERE code = $cycle AND kind = 'programming')
                         AND (SELECT year(end_date) FROM cycle WHERE code = $cycle AND kind = 'programming'))
    -- @end
    -- @if theme
      AND list_contains(r.theme_codes, $theme)
    -- @end
