"""asv benchmarks for seatcast; `tests/test_benchmarks.py` runs each once."""
