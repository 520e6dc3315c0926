-- Recommendation counts by country x mechanism x UPR cycle code x year, with the UPR responses
-- (recommendations exclude voluntary pledges, which are counted apart in `pledges`)
-- (a few thousand rows, cached once per warehouse); the pages filter and regroup it by cycle kind.
-- From recommendation_summary (built with the warehouse), not a scan of every recommendation.
SELECT country_iso3, mechanism, cycle_code, year,
       coalesce(sum(recommendations) FILTER (WHERE NOT is_pledge), 0)::BIGINT AS recommendations,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response = 'supported'), 0)::BIGINT AS supported,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response = 'noted'), 0)::BIGINT AS noted,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response IS NULL), 0)::BIGINT AS no_response,
       coalesce(sum(recommendations) FILTER (WHERE mechanism = 'upr' AND is_pledge), 0)::BIGINT AS pledges
FROM recommendation_summary
WHERE year IS NOT NULL
GROUP BY ALL
ORDER BY ALL
