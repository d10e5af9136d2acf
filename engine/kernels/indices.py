"""The indices of :mod:`seatcast.engine.rules.indices`, compiled for the chunk kernel.

The chunk kernel tallies a histogram of bins and a fixed-point sum of every
draw's value (integers add up the same in any order).
"""

import numpy as np
from numba import njit

from seatcast.engine.kernels.options import INLINE

#: Bins of each index's histogram over its range.
INDEX_BINS = 1000

#: Per-draw values are summed as whole multiples of ``1 / INDEX_SCALE``.
INDEX_SCALE = 65536.0

#: The Gallagher histogram spans 0 to this many percentage points.
GALLAGHER_RANGE = 100.0


@njit(**INLINE)
def effective_parties(seats):
    """The effective number of parties by seats; 0 when no seat is allocated."""
    total, squares = 0, 0
    for i in range(seats.shape[0]):
        total += seats[i]
        squares += seats[i] * seats[i]
    if squares == 0:
        return 0.0
    return float(total * total) / float(squares)


@njit(**INLINE)
def gallagher(weights, seats):
    """Gallagher's index in percentage points.

    Parameters
    ----------
    weights : float64[:]
        Votes (or shares) of the parties, then of the no-seat options.
    seats : int64[:]
        Seats of the parties (at least one seat in all).
    """
    weight_sum, total_seats = 0.0, 0
    for j in range(weights.shape[0]):
        weight_sum += weights[j]
    for i in range(seats.shape[0]):
        total_seats += seats[i]
    # Two divisions, not one per party: each costs as much as the rest of a term.
    per_vote, per_seat = 100.0 / weight_sum, 100.0 / total_seats
    squares = 0.0
    for j in range(weights.shape[0]):
        seat_percent = seats[j] * per_seat if j < seats.shape[0] else 0.0
        gap = weights[j] * per_vote - seat_percent
        squares += gap * gap
    return np.sqrt(squares * 0.5)


@njit(**INLINE)
def index_bin(value, top):
    """The histogram bin of ``value`` on ``[0, top]``; the top edge goes in the last bin."""
    return min(int(value * (INDEX_BINS / top)), INDEX_BINS - 1)


@njit(**INLINE)
def fixed_point(value):
    """``value`` in whole units of ``1 / INDEX_SCALE``."""
    return np.int64(np.rint(value * INDEX_SCALE))
