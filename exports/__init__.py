"""Exports for donor meetings: CSV/Excel tables, chart images, slide decks and PDF country briefs."""
