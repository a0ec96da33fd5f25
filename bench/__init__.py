"""Benchmarks of the assistant's components, run as ``python -m bench.<name>``."""
