"""Index: chunking, embeddings (Embedder protocol), the Chroma store, the BM25 keyword index and ingest generations."""
