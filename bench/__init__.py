"""Benchmarks of the endpoint, the loader and validation (run as scripts, see BENCHMARKS.md)."""
