"""ETL: read real human rights exports, stage them, and build the DuckDB warehouse."""
