"""Indicators: the catalogue, the progress method, charts, exports and the query layer."""
