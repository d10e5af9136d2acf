"""asv benchmarks for seatcast; `tests/test_benchmarks.py` runs each once, small.

Each benchmark takes its draw counts through :func:`scaled`, so that the test
suite can run every benchmark's code on a few draws.
"""

import os


def scaled(n_draws: int) -> int:
    """``n_draws``, or 1,000 when ``SEATCAST_BENCHMARK_SMOKE`` is set (the test suite)."""
    return 1_000 if os.environ.get("SEATCAST_BENCHMARK_SMOKE") else n_draws
