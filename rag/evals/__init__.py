"""Evaluation: fact files, the naive baseline, the report and the benchmark."""
