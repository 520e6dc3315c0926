"""Start the app and warm it (python -m serve): imports, warehouse connection and every page's queries before the first visitor."""
