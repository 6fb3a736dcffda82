"""What changing the library needs besides the index (no streamlit, no index): one file lock around every change
(lock.py), the append-only audit log (audit.py), the trash folder that removed and replaced documents go to
(trash.py), and the manifest entries an editor checks or corrects (meta.py). rag.index.changes puts them together
with re-indexing; the page and `rag library` call that."""
