-- UPR recommendations of one state under review with a cycle, and the cycle's order, for the
-- recurrence step.
SELECT r.id, r.country_iso3, r.cycle_code, c.start_date AS cycle_start, r.text
FROM recommendation r
JOIN cycle c ON c.code = r.cycle_code AND c.kind = 'upr'
WHERE r.mechanism = 'upr'
  AND r.country_iso3 = $country
ORDER BY r.country_iso3, c.start_date, r.id
