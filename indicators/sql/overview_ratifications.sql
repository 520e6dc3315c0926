-- Ratification matrix: actions on the core treaties by $countries up to the last year; an act known
-- without a date (year NULL) is kept: it happened, when is unknown. The Overview asks for every choosable
-- country (one result per warehouse version and last year) and keeps the selected ones' rows.
SELECT r.country_iso3, r.treaty, r.action, min(r.year) AS year
FROM ratification r
JOIN treaty t ON t.code = r.treaty
WHERE t.body IS NOT NULL
  AND r.country_iso3 = ANY($countries)
  AND (r.year IS NULL OR r.year <= $year_to)
GROUP BY r.country_iso3, r.treaty, r.action, t.sort_order
ORDER BY t.sort_order, r.treaty, r.country_iso3, r.action
