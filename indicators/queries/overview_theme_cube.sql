-- Recommendation counts by country x theme x mechanism x UPR cycle code x year, with the UPR responses
-- (a recommendation with several themes counts once per theme; cached once per warehouse).
SELECT r.country_iso3, rt.theme_code, r.mechanism, r.cycle_code, r.year,
       count(*) AS recommendations,
       count(*) FILTER (WHERE r.mechanism = 'upr' AND NOT r.is_pledge AND r.response = 'supported') AS supported,
       count(*) FILTER (WHERE r.mechanism = 'upr' AND NOT r.is_pledge AND r.response = 'noted') AS noted,
       count(*) FILTER (WHERE r.mechanism = 'upr' AND NOT r.is_pledge AND r.response IS NULL) AS no_response,
       count(*) FILTER (WHERE r.mechanism = 'upr' AND r.is_pledge) AS pledges
FROM recommendation r
JOIN recommendation_theme rt ON rt.recommendation_id = r.id
WHERE r.year IS NOT NULL
GROUP BY ALL
ORDER BY ALL
