-- Every table and column (with its type) of the ATTACHed warehouse w, in a fixed order.
SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, column_index)
FROM duckdb_columns() WHERE database_name = 'w'
