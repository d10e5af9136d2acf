"""Two summaries of one allocation: the effective number of parties and Gallagher's index.

- The effective number of parties (Laakso and Taagepera, 1979), by seats:
  ``1 / sum(s_i ** 2)`` over seat shares ``s_i``.
- Gallagher's least-squares index of disproportionality (1991), in
  percentage points: ``sqrt(sum((v_j - s_j) ** 2) / 2)``, with ``v_j`` each
  party's and each no-seat option's percentage of all valid ballots and
  ``s_j`` its percentage of the seats (no-seat options win none).  Votes
  that win nothing, below the threshold or against all, count as
  disproportionality.

These are the exact versions, for official counts; the chunk kernel uses
:mod:`seatcast.engine.kernels.indices`.
"""

import math
from collections.abc import Sequence
from fractions import Fraction


def effective_parties_exact(seats: Sequence[int]) -> Fraction:
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


def gallagher_exact(votes: Sequence[int], seats: Sequence[int]) -> float:
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
