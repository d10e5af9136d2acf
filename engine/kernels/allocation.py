"""numba kernels that allocate one vote vector: the inner loop of every simulation.

Each kernel is a plain loop over one draw's parties that writes into ``out``:
no allocation, no Python objects, no input checks (the exact engine and the
compiled rules check inputs once).  Votes are float64 in vote units; a draw's
shares times a total are fine.  Ties between exactly equal claims, which
continuous draws hit with probability zero, go to the party listed first.

Divisor methods do not hand out seats one by one (O(seats x parties)).  They
start from the seat counts at a single signpost chosen so that the expected
total is the seat count (for D'Hondt ``floor(v (S + k/2) / V)``, for
Sainte-Laguë ``floor(v S / V + 1/2)``), then walk: add the best next seat or
drop the worst last seat until the total is right, usually one or two steps,
then swap while a party's next priority beats another's last one.
"""

from typing import NamedTuple

import numpy as np
from numba import njit
from numba.extending import overload

from seatcast.engine.kernels.codes import (
    DROOP,
    HAGENBACH_BISCHOFF,
    HARE,
    NO_ELIGIBLE_PARTY,
    OK,
    TOO_FEW_REMAINDERS,
    TOO_FEW_SEATS,
)
from seatcast.engine.kernels.options import INLINE

#: Float scratch the allocation kernels need per party (``scratch`` and
#: ``claims`` arguments hold this many entries per party).
SCRATCH_PER_PARTY = 4


class QuotaRule(NamedTuple):
    """A largest-remainder method as the kernels read it.

    Parameters
    ----------
    n_seats : int
    kind : int
        A quota kind of :mod:`seatcast.engine.kernels.codes`.
    """

    n_seats: int
    kind: int


class DivisorRule(NamedTuple):
    """A divisor method as the kernels read it: ``d(0) = first``, ``d(k) = slope k + offset``.

    Parameters
    ----------
    n_seats : int
    slope, offset, first : float
        ``first == 0`` means every eligible party gets a seat first.
    geometric : bool
        Huntington-Hill divisors ``sqrt(k (k + 1))`` instead.
    """

    n_seats: int
    slope: float
    offset: float
    first: float
    geometric: bool


@njit(**INLINE)
def priority(votes, seats_held, slope, offset, first, geometric):
    """A party's claim to its next seat after ``seats_held``: votes over the divisor.

    Divisors are ``d(0) = first`` and ``d(k) = slope * k + offset``.
    Huntington-Hill's ``sqrt(k (k + 1))`` is irrational, so its claim is
    squared instead, ``votes**2 / (k (k + 1))``: the same order, and exact
    ties stay exact (whole-number votes below 9e7 square exactly).
    """
    if geometric:
        return votes * votes / (seats_held * (seats_held + 1.0))
    if seats_held == 0:
        return votes / first
    return votes / (slope * seats_held + offset)


@njit(**INLINE)
def clears(votes, bar, strict):
    """Whether ``votes`` clear ``bar``: above it if ``strict``, else at it or above."""
    return votes > bar if strict else votes >= bar


@njit(**INLINE)
def count_passes(votes, other_votes, grid, thresholds, swept, exempt, strict, base_all, out):
    """For each party, how many thresholds of an ascending grid it clears.

    A party clears a prefix of the grid: ``votes >= t * base`` holds up to
    some point and fails after it (rounded products are monotone in ``t``),
    so one number says at which grid points it takes part.  With a one-point
    grid that number is 1 or 0: a single run's eligibility.

    Parameters
    ----------
    votes : float64[:]
        Votes of the parties, then possibly of no-seat options (not read).
    other_votes : float
        Votes for no-seat options.
    grid : float64[:]
        Ascending thresholds, as fractions of the base, of the swept parties.
    thresholds : float64[:]
        Each party's own threshold, used where ``swept`` is false.
    swept : bool[:]
        Parties that face the grid's threshold.
    exempt : bool[:]
        Parties that pass whatever their share.
    strict : bool
        Require a share above, not at, the threshold.
    base_all : bool
        Whether the base includes ``other_votes``.
    out : int64[:]
        Written: grid points each party clears, from 0 to ``len(grid)``.
        A party with no votes clears none: it has nothing to give seats to.
    """
    n_points = grid.shape[0]
    base = 0.0
    for i in range(out.shape[0]):
        base += votes[i]
    if base_all:
        base += other_votes
    for i in range(out.shape[0]):
        if not votes[i] > 0.0:
            out[i] = 0
        elif exempt[i]:
            out[i] = n_points
        elif not swept[i]:
            out[i] = n_points if clears(votes[i], thresholds[i] * base, strict) else 0
        else:  # the first grid point it fails, by bisection
            low, high = 0, n_points
            while low < high:
                middle = (low + high) // 2
                if clears(votes[i], grid[middle] * base, strict):
                    low = middle + 1
                else:
                    high = middle
            out[i] = low


@njit(**INLINE)
def _eligible_total(votes, eligible):
    total, count = 0.0, 0
    for i in range(eligible.shape[0]):
        if eligible[i]:
            total += votes[i]
            count += 1
    return total, count


@njit(**INLINE)
def allocate_divisor(votes, eligible, rule, claims, out):
    """Allocate seats by a divisor method.

    The eligible parties are first gathered into a dense block
    (:func:`_settle_dense`): from the signpost estimate, a walk over them
    alone, checked once at the end.  That settles nearly every draw; a draw
    it cannot settle (a tie between claims, an empty ballot, a method that
    seats every party first) takes the walk over every party below.  Each
    party's claim to its next seat and to its last one are computed once,
    from the signpost estimate, and only the two of a party whose seats
    change are computed again: every step is then a scan of comparisons,
    not of divisions.  The claims are those of :func:`priority`, so ties
    fall as they do there.

    Parameters
    ----------
    votes : float64[:]
        Votes of the parties (one per entry of ``eligible``), then possibly
        of no-seat options, which are not read.
    eligible : bool[:]
    rule : DivisorRule
    claims : float64[:]
        Scratch space, :data:`SCRATCH_PER_PARTY` entries per party.  The
        walk over every party keeps each party's claim to its next seat,
        then to its last seat (``-1`` where it has none to take or to give
        back) in the first two.
    out : int64[:]
        Written: seats per party.

    Returns
    -------
    int
        A status code (``OK`` on success).
    """
    if _settle_dense(votes, eligible, rule, claims, out):
        return OK
    n_seats, slope, offset, first, geometric = rule
    n = eligible.shape[0]
    out[:] = 0
    total_votes, n_eligible = _eligible_total(votes, eligible)
    if n_eligible == 0:
        return NO_ELIGIBLE_PARTY
    floor_seats = 1 if first == 0.0 else 0
    if floor_seats * n_eligible > n_seats:
        return TOO_FEW_SEATS
    scale, bias = _signpost(n_seats, n_eligible, total_votes, slope, offset, geometric)
    assigned = 0
    for i in range(n):
        claims[i], claims[n + i] = -1.0, -1.0
        if eligible[i]:
            estimate = np.floor(votes[i] * scale + bias)
            out[i] = max(floor_seats, min(n_seats, np.int64(estimate)))
            assigned += out[i]
            _set_claims(votes, i, out[i], floor_seats, rule, claims, n)
    while assigned < n_seats:
        best = _best_next(claims, n)
        out[best] += 1
        assigned += 1
        _set_claims(votes, best, out[best], floor_seats, rule, claims, n)
    while assigned > n_seats:
        worst = _worst_last(claims, n)
        out[worst] -= 1
        assigned -= 1
        _set_claims(votes, worst, out[worst], floor_seats, rule, claims, n)
    # Swap while a party's next seat outranks another's last one (terminates:
    # each swap raises the allocation in the order of priorities, then list order).
    while True:
        best, worst = _best_next(claims, n), _worst_last(claims, n)
        if worst < 0 or best == worst:
            break
        next_priority, last_priority = claims[best], claims[n + worst]
        # Equal priorities: the seat belongs to the party listed first.
        if next_priority < last_priority or (next_priority == last_priority and best > worst):
            break
        out[best] += 1
        out[worst] -= 1
        _set_claims(votes, best, out[best], floor_seats, rule, claims, n)
        _set_claims(votes, worst, out[worst], floor_seats, rule, claims, n)
    return OK


@njit(**INLINE)
def _signpost(n_seats, n_eligible, total_votes, slope, offset, geometric):
    """``(scale, bias)`` of the signpost estimate ``floor(v * scale + bias)`` of a party's seats.

    The count of divisors below ``v / lambda`` is about ``(v / lambda -
    offset) / slope + 1/2``; lambda is chosen so that the counts sum to the seats.
    """
    if geometric:
        shift, bias = 0.0, 0.5
    else:
        shift, bias = offset / slope - 0.5, 1.0 - offset / slope
    return (n_seats + n_eligible * shift) / total_votes, bias


@njit(**INLINE)
def _settle_dense(votes, eligible, rule, scratch, out):
    """Allocate by a divisor method over the eligible parties only, if that settles it.

    The eligible parties' votes, claims to a next seat, claims to their
    last seat and seats go into four dense blocks of ``scratch``; seats
    start at the signpost estimate and are added to the highest next
    claim or taken from the lowest last claim until they sum to the
    seats.  The result is the method's allocation when every next claim
    is strictly below every last claim; then ``out`` is written and the
    answer is True.  Otherwise (equal claims, whose order the walk over
    every party settles by list order, no votes, or every party seated
    first) nothing is written and the answer is False.
    """
    n_seats, slope, offset, first, geometric = rule
    n = eligible.shape[0]
    if first == 0.0:
        return False
    dense_votes, next_claim, last_claim, seats = (
        scratch[:n],
        scratch[n : 2 * n],
        scratch[2 * n : 3 * n],
        scratch[3 * n : 4 * n],
    )
    k, total_votes = 0, 0.0
    for i in range(n):
        if eligible[i]:
            dense_votes[k] = votes[i]
            total_votes += votes[i]
            k += 1
    if k == 0 or not total_votes > 0.0:
        return False
    scale, bias = _signpost(n_seats, k, total_votes, slope, offset, geometric)
    assigned = 0
    for m in range(k):
        taken = max(0, min(n_seats, np.int64(np.floor(dense_votes[m] * scale + bias))))
        seats[m] = taken
        assigned += taken
        next_claim[m] = priority(dense_votes[m], taken, slope, offset, first, geometric)
        last_claim[m] = (
            priority(dense_votes[m], taken - 1, slope, offset, first, geometric)
            if taken > 0
            else np.inf
        )
    while assigned < n_seats:
        best = 0
        for m in range(1, k):
            best = m if next_claim[m] > next_claim[best] else best
        seats[best] += 1
        last_claim[best] = next_claim[best]
        next_claim[best] = priority(dense_votes[best], seats[best], slope, offset, first, geometric)
        assigned += 1
    while assigned > n_seats:
        worst = 0
        for m in range(1, k):
            worst = m if last_claim[m] < last_claim[worst] else worst
        seats[worst] -= 1
        next_claim[worst] = last_claim[worst]
        last_claim[worst] = (
            priority(dense_votes[worst], seats[worst] - 1, slope, offset, first, geometric)
            if seats[worst] > 0
            else np.inf
        )
        assigned -= 1
    highest_next, lowest_last = -np.inf, np.inf
    for m in range(k):
        highest_next = max(highest_next, next_claim[m])
        lowest_last = min(lowest_last, last_claim[m])
    if not highest_next < lowest_last:
        return False
    m = 0
    for i in range(n):
        out[i] = 0
        if eligible[i]:
            out[i] = np.int64(seats[m])
            m += 1
    return True


@njit(**INLINE)
def allocate_divisor_from(votes, eligible, rule, start, out):
    """Add ``rule.n_seats`` seats by a divisor method to the seats each party holds already.

    A party's claims start at its ``start`` seats (the constituency seats
    of the additional member system); each seat goes to the highest claim,
    the first listed of equals, as the exact engine hands them out one at a
    time.  Regions have few seats, so no estimate is needed.

    Parameters
    ----------
    votes : float64[:]
    eligible : bool[:]
    rule : DivisorRule
    start : int64[:]
        Seats each party holds before.
    out : int64[:]
        Written: the seats added, per party.

    Returns
    -------
    int
        A status code.
    """
    n_seats, slope, offset, first, geometric = rule
    n = eligible.shape[0]
    out[:] = 0
    if not eligible.any():
        return NO_ELIGIBLE_PARTY
    for _ in range(n_seats):
        best, best_priority = -1, -1.0
        for i in range(n):
            if eligible[i]:
                claim = priority(votes[i], start[i] + out[i], slope, offset, first, geometric)
                if claim > best_priority:
                    best, best_priority = i, claim
        out[best] += 1
    return OK


@njit(**INLINE)
def _set_claims(votes, i, seats_held, floor_seats, rule, claims, n):
    """Party ``i``'s claims to its next seat and, above the floor, to its last one."""
    _, slope, offset, first, geometric = rule
    claims[i] = priority(votes[i], seats_held, slope, offset, first, geometric)
    claims[n + i] = (
        priority(votes[i], seats_held - 1, slope, offset, first, geometric)
        if seats_held > floor_seats
        else -1.0
    )


@njit(**INLINE)
def _best_next(claims, n):
    """The party with the highest claim to a next seat (the first listed of equals)."""
    best, best_priority = -1, -1.0
    for i in range(n):
        if claims[i] > best_priority:
            best, best_priority = i, claims[i]
    return best


@njit(**INLINE)
def _worst_last(claims, n):
    """The party with the lowest claim to the last seat it holds (the last listed of equals)."""
    worst, worst_priority = -1, np.inf
    for i in range(n):
        claim = claims[n + i]
        if claim >= 0.0 and claim <= worst_priority:
            worst, worst_priority = i, claim
    return worst


@njit(**INLINE)
def quota_ratio(total_votes, n_seats, kind):
    """The quota of ``total_votes`` for ``n_seats`` as ``numerator / denominator``.

    Kept as a ratio so that seats ``floor(v * den / num)`` and remainders
    ``v * den - seats * num`` are exact for whole-number votes (below 2**53):
    equal remainders compare equal, as they do in the exact engine.
    Droop's ``+ 1`` is one vote.
    """
    if kind == HARE:
        return total_votes, float(n_seats)
    if kind == DROOP:
        return np.floor(total_votes / (n_seats + 1.0)) + 1.0, 1.0
    if kind == HAGENBACH_BISCHOFF:
        return total_votes, n_seats + 1.0
    return total_votes, n_seats + 2.0


@njit(**INLINE)
def allocate_quota(votes, eligible, rule, remainder, out):
    """Allocate seats by a quota and largest remainders.

    Over-allocation is withdrawn a seat at a time from the smallest remainder,
    whose margin then grows by a quota, as in the exact engine.

    Parameters
    ----------
    votes : float64[:]
        Votes of the parties (one per entry of ``eligible``), then possibly
        of no-seat options, which are not read.
    eligible : bool[:]
    rule : QuotaRule
    remainder : float64[:]
        Scratch space, one entry per party: remainders in units of
        ``1 / denominator`` votes.
    out : int64[:]
        Written: seats per party.

    Returns
    -------
    int
        A status code (``OK`` on success).
    """
    status, assigned, _ = whole_quotas(votes, eligible, rule, remainder, out)
    if status != OK:
        return status
    n = eligible.shape[0]
    while assigned < rule.n_seats:
        best, best_remainder = -1, -np.inf
        for i in range(n):
            if remainder[i] > best_remainder:
                best, best_remainder = i, remainder[i]
        if best < 0:
            return TOO_FEW_REMAINDERS
        out[best] += 1
        remainder[best] = -np.inf
        assigned += 1
    return OK


@njit(**INLINE)
def whole_quotas(votes, eligible, rule, remainder, out):
    """Seats by whole quotas only, withdrawn from the smallest remainders down to the seats.

    The first step of :func:`allocate_quota`, and the first scrutiny of a
    remainder pool.

    Returns
    -------
    status : int
    assigned : int
        Seats given (at most ``rule.n_seats``).
    denominator : float
        ``remainder`` is in units of ``1 / denominator`` votes (``-inf`` for
        parties not eligible).
    """
    n_seats = rule.n_seats
    n = eligible.shape[0]
    total_votes, n_eligible = _eligible_total(votes, eligible)
    if n_eligible == 0:
        out[:] = 0
        return NO_ELIGIBLE_PARTY, 0, 1.0
    numerator, denominator = quota_ratio(total_votes, n_seats, rule.kind)
    assigned = 0
    for i in range(n):
        out[i] = 0
        remainder[i] = -np.inf
        if eligible[i]:
            scaled = votes[i] * denominator
            out[i] = np.int64(np.floor(scaled / numerator))
            remainder[i] = scaled - out[i] * numerator
            assigned += out[i]
    while assigned > n_seats:
        worst, worst_remainder = -1, np.inf
        for i in range(n):
            if eligible[i] and out[i] > 0 and remainder[i] <= worst_remainder:
                worst, worst_remainder = i, remainder[i]
        out[worst] -= 1
        remainder[worst] += numerator
        assigned -= 1
    return OK, assigned, denominator


def allocate(
    rule: "QuotaRule | DivisorRule",
    votes: np.ndarray,
    eligible: np.ndarray,
    scratch: np.ndarray,
    out: np.ndarray,
) -> int:
    """Allocate seats among the eligible parties by ``rule``; callable from numba only.

    numba picks :func:`allocate_quota` or :func:`allocate_divisor` at compile
    time from the type of ``rule``, so a loop over rules of one family holds
    only the code of its method: a choice made at run time, draw by draw,
    costs about a fifth of a Kazakhstan-sized run.

    Parameters
    ----------
    rule : QuotaRule or DivisorRule
    votes : float64[:]
        Votes of the parties, then possibly of no-seat options (not read).
    eligible : bool[:]
    scratch : float64[:]
        Scratch space, two entries per party.
    out : int64[:]
        Written: seats per party.

    Returns
    -------
    int
        A status code (``OK`` on success).
    """
    raise TypeError("allocate is for numba kernels; use allocate_draw from Python")


def rule_like(
    prototype: "QuotaRule | DivisorRule",
    n_seats: int,
    kind: int,
    slope: float,
    offset: float,
    first: float,
    geometric: bool,
) -> "QuotaRule | DivisorRule":
    """A rule of the same family as ``prototype`` with these fields; callable from numba only.

    numba resolves the family at compile time from the type of
    ``prototype``: a :class:`QuotaRule` reads ``n_seats`` and ``kind``, a
    :class:`DivisorRule` the divisor fields.  Only scalars are passed, so
    a call inside a loop costs no reference counting.
    """
    raise TypeError("rule_like is for numba kernels")


@overload(rule_like, inline="always", jit_options={"nogil": True})
def _rule_like_for(prototype, n_seats, kind, slope, offset, first, geometric):
    if prototype.instance_class is QuotaRule:

        def impl(prototype, n_seats, kind, slope, offset, first, geometric):
            return QuotaRule(n_seats, kind)

    else:

        def impl(prototype, n_seats, kind, slope, offset, first, geometric):
            return DivisorRule(n_seats, slope, offset, first, geometric)

    return impl


@overload(allocate, inline="always", jit_options={"nogil": True})
def _allocate_for(rule, votes, eligible, scratch, out):
    method = allocate_quota if rule.instance_class is QuotaRule else allocate_divisor

    def impl(rule, votes, eligible, scratch, out):
        return method(votes, eligible, rule, scratch, out)

    return impl
