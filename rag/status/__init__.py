"""Status: quantities in target/progress text and the deterministic status rules (plus the optional model review)."""
