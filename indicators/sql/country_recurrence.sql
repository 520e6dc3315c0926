-- Country profile: UPR recommendations that repeat, in similar words, one received in an earlier
-- UPR cycle (recommendation_recurrence, built by etl/recurrence.py), both texts side by side.
-- Filters: $country, $year_from..$year_to and $theme on the later recommendation; $mechanism other
-- than upr gives none. Grain: one row per (later recommendation, earlier recommendation).
SELECT x.cycle_code, r.year, r.recommending_state, r.text,
       x.earlier_cycle_code, e.year AS earlier_year, e.recommending_state AS earlier_recommending_state,
       e.text AS earlier_text, x.score
FROM recommendation_recurrence x
JOIN recommendation r ON r.id = x.recommendation_id
JOIN recommendation e ON e.id = x.earlier_id
WHERE r.country_iso3 = $country
  AND r.year BETWEEN $year_from AND $year_to
  AND ($mechanism::VARCHAR IS NULL OR $mechanism = 'upr')
  AND ($theme::VARCHAR IS NULL OR list_contains(r.theme_codes, $theme))
  AND ($cycle::VARCHAR IS NULL OR x.cycle_code = $cycle
       OR r.year BETWEEN (SELECT year(start_date) FROM cycle WHERE code = $cycle AND kind = 'programming')
                     AND (SELECT year(end_date) FROM cycle WHERE code = $cycle AND kind = 'programming'))
ORDER BY x.score DESC, r.text, e.text
