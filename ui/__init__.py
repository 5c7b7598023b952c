"""Streamlit-side helpers shared by the pages: the warehouse handle, filters, formats, charts, drill state."""
