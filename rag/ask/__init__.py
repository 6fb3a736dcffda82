"""Ask: retrieval, clause extraction, verification, the LLM chain and the answer router."""
