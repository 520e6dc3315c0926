-- UPR review cycles, the periods of the brief's progress table.
SELECT code, name, name_ru, start_date, end_date
FROM cycle
WHERE kind = 'upr'
ORDER BY start_date
