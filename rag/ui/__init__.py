"""The Streamlit page (streamlit and pandas are imported only under this package)."""
