-- Recommendation counts by country x theme x mechanism x UPR cycle code x year, with the UPR responses
-- (a recommendation with several themes counts once per theme; cached once per warehouse).
-- From recommendation_summary (built with the warehouse): its theme sets unnested.
SELECT country_iso3, theme_code, mechanism, cycle_code, year,
       sum(recommendations)::BIGINT AS recommendations,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response = 'supported'), 0)::BIGINT AS supported,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response = 'noted'), 0)::BIGINT AS noted,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response IS NULL), 0)::BIGINT AS no_response,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND is_pledge), 0)::BIGINT AS pledges
FROM (SELECT *, unnest(theme_codes) AS theme_code FROM recommendation_summary WHERE year IS NOT NULL)
GROUP BY ALL
ORDER BY ALL
