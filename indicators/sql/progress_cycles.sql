-- Cycles of one kind to assess: the chosen one, else those overlapping the year filter (grain: cycle).
SELECT code, name, name_ru, start_date, end_date
FROM cycle
WHERE kind = $cycle_kind
  AND ($cycle::VARCHAR IS NULL OR code = $cycle)
  AND ($cycle::VARCHAR IS NOT NULL
       OR (year(start_date) <= $year_to AND year(end_date) >= $year_from))
ORDER BY start_date
