-- Recommendation counts by country x mechanism x UPR cycle code x year, with the UPR responses
-- (a few thousand rows, cached once per warehouse); the pages filter and regroup it by cycle kind.
SELECT country_iso3, mechanism, cycle_code, year,
       count(*) AS recommendations,
       count(*) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response = 'supported') AS supported,
       count(*) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response = 'noted') AS noted,
       count(*) FILTER (WHERE mechanism = 'upr' AND NOT is_pledge AND response IS NULL) AS no_response,
       count(*) FILTER (WHERE mechanism = 'upr' AND is_pledge) AS pledges
FROM recommendation
WHERE year IS NOT NULL
GROUP BY ALL
ORDER BY ALL
