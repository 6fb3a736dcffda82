"""Question answering and cited summaries over Chinese district-government reports."""

__version__ = "0.1.0"
