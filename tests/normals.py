"""The normals a model's block takes from its stream, for the tests' NumPy references."""

import numpy as np
from numba import njit

from seatcast.engine.kernels.normals import PASS_SIZE, fill_normals


@njit
def stream_normals(stream, count):
    """The next ``count`` normals of ``stream``, taken in one fill as the kernels take them."""
    out = np.empty(count)
    fill_normals(stream, np.empty(PASS_SIZE, dtype=np.uint64), out)
    return out
