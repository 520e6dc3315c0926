-- The distinct disaggregation texts of the file (a handful, even in a large file).
SELECT DISTINCT coalesce(trim(disaggregation), '') AS text FROM staged
