"""Scoring against the corpus truth, and the raw-library baselines."""
