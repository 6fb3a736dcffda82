"""Summaries: progress summaries per district/unit and their Markdown/DOCX export."""
