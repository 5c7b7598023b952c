"""Ingestion, catalogues and KPI access for the one-stop-shop (Bộ phận một cửa) dashboard."""
