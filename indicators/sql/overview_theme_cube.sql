-- Recommendation counts by country x theme x mechanism x UPR cycle code x year, with the UPR responses
-- (recommendations exclude voluntary pledges, which are counted apart in `pledges`)
-- (a recommendation with several themes counts once per theme; cached once per warehouse).
-- From recommendation_summary (built with the warehouse): its theme sets unnested.
SELECT country_iso3, theme_code, mechanism, cycle_code, year,
       coalesce(sum(recommendations) FILTER (WHERE NOT is_pledge), 0)::BIGINT AS recommendations,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response = 'supported'), 0)::BIGINT AS supported,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response = 'noted'), 0)::BIGINT AS noted,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response IS NULL), 0)::BIGINT AS no_response,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND is_pledge), 0)::BIGINT AS pledges
-- A recommendation with no ROCA theme counts under theme_code 'other' (outside the priorities,
-- still counted: see data/reference/theme_outside.csv).
FROM (SELECT *, unnest(CASE WHEN len(theme_codes) = 0 THEN ['other'] ELSE theme_codes END) AS theme_code
      FROM recommendation_summary WHERE year IS NOT NULL)
GROUP BY ALL
ORDER BY ALL
