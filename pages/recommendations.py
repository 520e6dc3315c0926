"""Placeholder."""
import streamlit as st
from ui.context import page_context
ctx = page_context()
st.title("recommendations")
st.write(ctx.filters)
