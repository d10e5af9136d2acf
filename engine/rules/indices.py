"""Two summaries of one allocation: the effective number of parties and Gallagher's index.

- The effective number of parties (Laakso and Taagepera, 1979), by seats:
  ``1 / sum(s_i ** 2)`` over seat shares ``s_i``.
- Gallagher's least-squares index of disproportionality (1991), in
  percentage points: ``sqrt(sum((v_j - s_j) ** 2) / 2)``, with ``v_j`` each
  party's and each no-seat option's percentage of all valid ballots and
  ``s_j`` its percentage of the seats (no-seat options win none).  Votes
  that win nothing, below the threshold or against all, count as
  disproportionality.

Each has an exact version for official counts and a numba version for the
chunk kernel, which tallies a histogram of bins and a fixed-point sum of
every draw's value (integers add up the same in any order).
"""

import math
from fractions import Fraction

import numpy as np
from numba import njit

#: Bins of each index's histogram over its range.
INDEX_BINS = 1000

#: Per-draw values are summed as whole multiples of ``1 / INDEX_SCALE``.
INDEX_SCALE = 65536.0

#: The Gallagher histogram spans 0 to this many percentage points.
GALLAGHER_RANGE = 100.0

_INLINE = {"nogil": True, "cache": True, "error_model": "numpy", "inline": "always"}


def effective_parties_exact(seats):
    """The effective number of parties of a seat allocation, exactly.

    Parameters
    ----------
    seats : sequence of int

    Returns
    -------
    Fraction
        ``S**2 / sum(s**2)``; 0 when no seat is allocated.
    """
    total, squares = sum(seats), sum(count * count for count in seats)
    return Fraction(total * total, squares) if squares else Fraction(0)


def gallagher_exact(votes, seats):
    """Gallagher's index, in percentage points, of an allocation of official counts.

    Parameters
    ----------
    votes : sequence of int
        Votes of the parties, then of any no-seat options.
    seats : sequence of int
        Seats of the parties.

    Returns
    -------
    float
        The square root of an exact sum of squares.
    """
    total_votes, total_seats = sum(votes), sum(seats)
    padded = list(seats) + [0] * (len(votes) - len(seats))
    squares = sum(
        (Fraction(100 * v, total_votes) - Fraction(100 * s, total_seats)) ** 2
        for v, s in zip(votes, padded, strict=True)
    )
    return math.sqrt(squares / 2)


@njit(**_INLINE)
def effective_parties(seats):
    """The effective number of parties by seats; 0 when no seat is allocated."""
    total, squares = 0, 0
    for i in range(seats.shape[0]):
        total += seats[i]
        squares += seats[i] * seats[i]
    if squares == 0:
        return 0.0
    return float(total * total) / float(squares)


@njit(**_INLINE)
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


@njit(**_INLINE)
def index_bin(value, top):
    """The histogram bin of ``value`` on ``[0, top]``; the top edge goes in the last bin."""
    return min(int(value * (INDEX_BINS / top)), INDEX_BINS - 1)
