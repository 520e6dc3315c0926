-- The columns each table has in both ATTACHed warehouses (old and new).
SELECT table_name, list(column_name ORDER BY column_name) AS columns
FROM (
    SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'old'
    INTERSECT
    SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'new'
)
GROUP BY table_name
