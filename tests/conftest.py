"""Shared pytest settings: numba's cache keyed by the kernel sources; hypothesis without deadlines.

numba invalidates a cached kernel when its own file changes, not when a
kernel it inlines from another module does (the chunk kernel inlines the
allocation kernels and the models' draws).  A stale kernel would make tests
pass or fail on old code, so the suite caches compiled kernels in a
directory named after a hash of every kernel source: an edit anywhere means
a fresh compile.
"""

import hashlib
import os
from pathlib import Path

import numba
from hypothesis import HealthCheck, settings

_ROOT = Path(__file__).resolve().parent.parent


def _kernel_cache_dir():
    digest = hashlib.sha256()
    for path in sorted([*(_ROOT / "engine").rglob("*.py"), *(_ROOT / "models").rglob("*.py")]):
        digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return _ROOT / ".numba-cache" / digest.hexdigest()[:16]


# Set before any seatcast module is imported: numba reads it when a kernel is
# decorated; the environment variable carries it to `seatcast` subprocesses.
numba.config.CACHE_DIR = os.environ["NUMBA_CACHE_DIR"] = str(_kernel_cache_dir())

settings.register_profile(
    "seatcast",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("seatcast")
