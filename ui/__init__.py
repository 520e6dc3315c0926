"""Streamlit glue shared by the pages: filters in the URL, banners, chart and download blocks."""
