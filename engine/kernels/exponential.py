"""``exp`` of a whole block of draws at once, in a loop the compiler vectorises.

The models' draws take the exponential of every component of every draw:
with the C library's ``exp``, one call per value, that was a fifth of a
national run and most of a district or election-night draw.  This one is a
branch-free polynomial that LLVM turns into SIMD code (about 2 ns a value
instead of 6 on the test machine, for blocks of a few hundred values).

It is Cody and Waite's reduction ``x = k ln 2 + r`` with ``|r| <= ln 2 / 2``
and the Taylor polynomial of ``exp(r)`` to degree 13, evaluated by Estrin's
scheme (four levels, not thirteen dependent steps) with ``1 + r`` added
last.  Its truncation error (below 1e-17 relative) is far under one unit
in the last place: results are within 1 ulp of the C library's (the same
bits for nine values in ten), and they do not depend on which C library a
machine has.  Arguments below ``-708`` (``-inf`` included: a list with no
votes) give exactly 0, and arguments above 709 are taken as 709: weights
that small or that large carry no meaning in a vote model.
"""

import math

import numpy as np
from numba import njit

from seatcast.engine.kernels.options import BORROWED, JIT

#: Below this, ``exp`` is 0 (2**-1022, the smallest normal float, is e**-708.4).
LOWEST = -708.0

#: Above this, ``exp`` is taken at this value (e**709.78 is the largest float).
HIGHEST = 709.0

_LOG2_E = 1.4426950408889634
_LN2_HIGH = 6.93147180369123816490e-01  # ln 2 to 33 bits: k * _LN2_HIGH is exact
_LN2_LOW = 1.90821492927058770002e-10  # the rest of ln 2

#: Taylor coefficients 1 / n!, from n = 2 (1 and r are added as they are).
_C2, _C3, _C4, _C5, _C6, _C7, _C8, _C9, _C10, _C11, _C12, _C13 = (
    1.0 / math.factorial(n) for n in range(2, 14)
)


#: Values exponentiated per pass: the powers of two of a pass stay in cache.
PASS_SIZE = 256


@njit(**JIT)
def exp_in_place(values):
    """Replace each entry of ``values`` (float64, contiguous) by its exponential."""
    exp_with_scratch(values, np.empty(PASS_SIZE, dtype=np.int64))


@njit(**BORROWED)
def exp_with_scratch(values, bits):
    """:func:`exp_in_place` with its scratch given (int64, ``PASS_SIZE``).

    For kernels compiled without reference counting, which make no array.
    """
    scale = bits.view(np.float64)  # 2**k, built from its bits
    n = values.shape[0]
    for begin in range(0, n, PASS_SIZE):
        _exp_pass(values[begin : begin + PASS_SIZE], bits, scale)


@njit(**BORROWED)
def _exp_pass(values, bits, scale):
    """``exp_in_place`` of at most ``PASS_SIZE`` values."""
    n = values.shape[0]
    for j in range(n):
        x = values[j]
        clamped = min(max(x, LOWEST), HIGHEST)
        k = np.floor(clamped * _LOG2_E + 0.5)
        r = (clamped - k * _LN2_HIGH) - k * _LN2_LOW
        # Estrin's scheme: the same polynomial in four levels, not thirteen
        # dependent steps, so that the vector units overlap their work.
        r2 = r * r
        r4 = r2 * r2
        r8 = r4 * r4
        middle = (_C4 + _C5 * r) + r2 * (_C6 + _C7 * r)
        high = (_C8 + _C9 * r) + r2 * (_C10 + _C11 * r) + r4 * (_C12 + _C13 * r)
        # 1 + r last: the smaller terms round away less of the result.
        p = 1.0 + (r + (r2 * (_C2 + _C3 * r) + (r4 * middle + r8 * high)))
        bits[j] = (np.int64(k) + 1023) << 52  # k is in [-1021, 1023]
        values[j] = p if x >= LOWEST else 0.0
    for j in range(n):
        values[j] *= scale[j]
