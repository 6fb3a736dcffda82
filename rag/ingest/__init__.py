"""Ingest: read the corpus (txt/md/docx/xlsx), detect layouts and parse documents into citable rows."""
