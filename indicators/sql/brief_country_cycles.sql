-- UPR cycles in which each country received recommendations (pledges apart), for the brief's default cycle.
SELECT r.country_iso3, r.cycle_code, c.start_date, count(*) AS recommendations
FROM recommendation AS r
JOIN cycle AS c ON c.code = r.cycle_code
WHERE r.country_iso3 = ANY($countries) AND NOT r.is_pledge AND c.kind = 'upr'
GROUP BY ALL
ORDER BY r.country_iso3, c.start_date
