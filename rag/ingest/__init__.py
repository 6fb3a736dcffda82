"""Ingest: read the corpus (txt/md/docx/xlsx/pdf/html), detect layouts and parse documents into citable rows."""
