-- The five focus countries must be in the country table.
SELECT 'focus country missing' AS what, 5 - count(*) AS broken FROM country WHERE is_focus
HAVING count(*) <> 5
