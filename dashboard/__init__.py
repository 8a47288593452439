"""Streamlit pages: layout only. Every figure comes from `core`."""
