"""Every district of one draw by one divisor method at once.

A draw of a districts config is dozens of small allocations by the same
method.  Allocated one at a time (:func:`~seatcast.engine.kernels.allocation.allocate_divisor`),
each gathers its eligible lists, estimates, walks and checks with two
divisions a list.  Here each step runs over every district at once, in
loops the compiler vectorises, and settling a district takes no division
at all (about 30 ns a district of Poland 2019's draws, gathering included,
timed alone):

1. :func:`gather_districts` puts the votes of the nationally eligible
   lists into a dense table, (lists, districts), with zero where a list
   has no votes or misses the district's own bar;
2. :func:`settle_districts` writes each list's votes in units of the
   district's signpost divisor, ``x = v * slope * (S + k shift) / V``
   (see :func:`~seatcast.engine.kernels.allocation._signpost`), and its
   seats ``floor(x / slope + bias)``.  Where they are one seat short or
   over (four districts in ten of Poland 2019's draws), the highest claim to
   a next seat takes one or the lowest claim to a last seat gives one back,
   every district at once; where they are further off (one in a hundred), a
   walk adds or drops seats one at a time, comparing claims by
   cross-multiplication.

A district's seats ``s`` are the method's when some ``t`` has, for every
list, ``d(s - 1) t <= x < d(s) t`` (no lower bound at ``s = 0``): every
seat given has a claim ``x / d(s - 1)`` at or above ``t`` and every seat
withheld a claim ``x / d(s)`` below it, so no pair of claims is out of
order and no two are equal.  The test holds with a margin of ``2**-48``, which covers
the rounding of ``x`` and of the products; ``t`` is 1 for the estimate, and
the claim of the last seat moved, nudged by ``2**-46`` towards the
withheld claims, after a step or a walk.  A district that fails it (equal claims or
nearly so, an estimate too far off, no eligible votes) is left unsettled
for the caller to allocate on its own, whose walk settles ties by list
order.  The test is exact, so a settled district has the seats the
one-at-a-time kernel gives, bit for bit.

Methods that seat every list first (``d(0) = 0``: Huntington-Hill, Adams)
are not settled here.
"""

from typing import NamedTuple

import numpy as np
from numba import njit

from seatcast.engine.kernels.allocation import clears
from seatcast.engine.kernels.options import INLINE

#: Relative margin of the test that settles a district.
_MARGIN = 2.0**-48

#: How far past the claim of the last seat moved a walk puts its ``t``.
_NUDGE = 2.0**-46


class DistrictTable(NamedTuple):
    """The buffers of :func:`gather_districts` and :func:`settle_districts`.

    Parameters
    ----------
    lists : ndarray of int64, (parties,)
        The nationally eligible lists, in list order (the first ``k``).
    votes : ndarray of float64, (parties, districts)
        Their votes in each district, zero where they do not take part;
        in divisor units after :func:`settle_districts`.
    seats : ndarray of float64, (parties, districts)
        Their seats, whole numbers.
    bar, total, count, factor, assigned : ndarray of float64, (districts,)
        Each district's bar in votes, eligible votes, eligible lists,
        signpost factor and seats assigned.
    step, bound : ndarray of float64, (districts,)
        The seat a district one off takes (+1) or gives back (-1), else 0;
        the claim that moves it, then the ``t`` of its test.
    holder : ndarray of int64, (districts,)
        Which list that claim is (its row in ``votes``); -1 where no seat moved.
    settled : ndarray of bool, (districts,)
        Districts whose seats passed the test.
    """

    lists: np.ndarray
    votes: np.ndarray
    seats: np.ndarray
    bar: np.ndarray
    total: np.ndarray
    count: np.ndarray
    factor: np.ndarray
    assigned: np.ndarray
    step: np.ndarray
    bound: np.ndarray
    holder: np.ndarray
    settled: np.ndarray


@njit(**INLINE)
def make_district_table(n_districts, n_parties):
    """Buffers for ``n_districts`` districts of ``n_parties`` lists."""
    return DistrictTable(
        lists=np.empty(n_parties, dtype=np.int64),
        votes=np.empty((n_parties, n_districts)),
        seats=np.empty((n_parties, n_districts)),
        bar=np.empty(n_districts),
        total=np.empty(n_districts),
        count=np.empty(n_districts),
        factor=np.empty(n_districts),
        assigned=np.empty(n_districts),
        step=np.empty(n_districts),
        bound=np.empty(n_districts),
        holder=np.empty(n_districts, dtype=np.int64),
        settled=np.empty(n_districts, dtype=np.bool_),
    )


@njit(**INLINE)
def district_bar(votes, offset, n_base, fraction):
    """Votes a list needs in the district at ``offset``: ``fraction`` of its first ``n_base``."""
    if not fraction > 0.0:
        return 0.0
    base = 0.0
    for j in range(n_base):
        base += votes[offset + j]
    return fraction * base


@njit(**INLINE)
def takes_part(count, nationally, exempt, bar, strict):
    """Whether a list with ``count`` votes in a district takes part in its allocation."""
    return nationally and count > 0.0 and (exempt or clears(count, bar, strict))


@njit(**INLINE)
def gather_districts(votes, width, eligible, exempt, fraction, n_base, strict, table):
    """Fill ``table`` with the votes of the eligible lists in every district of a draw.

    Parameters
    ----------
    votes : float64[:]
        One draw, district after district, ``width`` components each
        (lists first).
    width : int
    eligible : bool[:]
        Lists that cleared the national threshold.
    exempt : bool[:]
        Lists exempt from the district's bar.
    fraction : float
        The district's bar as a fraction of its first ``n_base`` components
        (0: none).
    n_base : int
    strict : bool
        Require votes above the bar, not at it.
    table : DistrictTable

    Returns
    -------
    int
        ``k``, the number of eligible lists.
    """
    lists, dense, bar, total, count = (
        table.lists,
        table.votes,
        table.bar,
        table.total,
        table.count,
    )
    k = 0
    for i in range(eligible.shape[0]):
        if eligible[i]:
            lists[k] = i
            k += 1
    for d in range(bar.shape[0]):
        bar[d] = district_bar(votes, d * width, n_base, fraction)
        total[d] = 0.0
        count[d] = 0.0
    for e in range(k):
        party = lists[e]
        free = exempt[party]
        for d in range(bar.shape[0]):
            x = votes[d * width + party]
            # The same test as takes_part, written to vectorise.
            present = (x > 0.0) & (free | clears(x, bar[d], strict))
            x = x if present else 0.0
            dense[e, d] = x
            total[d] += x
            count[d] += 1.0 if present else 0.0
    return k


@njit(**INLINE)
def _divisor(seats, slope, offset, first):
    """``d(seats)``, as :func:`~seatcast.engine.kernels.allocation.priority` divides by it."""
    return first if seats == 0.0 else slope * seats + offset


@njit(**INLINE)
def _fits(x, seats, t, slope, offset, first):
    """Whether ``d(seats - 1) t <= x < d(seats) t`` holds beyond rounding."""
    below = x < _divisor(seats, slope, offset, first) * t * (1.0 - _MARGIN)
    above = (seats == 0.0) | (
        x >= _divisor(seats - 1.0, slope, offset, first) * t * (1.0 + _MARGIN)
    )
    return below & above


@njit(**INLINE)
def settle_districts(k, magnitudes, slope, offset, first, table):
    """Seat the ``k`` gathered lists of every district; mark the districts settled.

    Parameters
    ----------
    k : int
        Lists gathered by :func:`gather_districts`.
    magnitudes : int64[:]
        Seats of each district.
    slope, offset, first : float
        The method's divisors, ``d(0) = first`` (not 0) and
        ``d(j) = slope j + offset``.
    table : DistrictTable
        Gathered; written: ``votes`` (in divisor units), ``seats``,
        ``assigned`` and ``settled``.
    """
    dense, seats, total, count, factor, assigned, settled = (
        table.votes,
        table.seats,
        table.total,
        table.count,
        table.factor,
        table.assigned,
        table.settled,
    )
    shift, bias = offset / slope - 0.5, 1.0 - offset / slope
    n_districts = magnitudes.shape[0]
    for d in range(n_districts):
        settled[d] = total[d] > 0.0
        factor[d] = (magnitudes[d] + count[d] * shift) / total[d] if settled[d] else 0.0
        assigned[d] = 0.0
    for e in range(k):
        for d in range(n_districts):
            y = dense[e, d] * factor[d]
            estimate = max(0.0, np.floor(y + bias))
            x = y * slope
            # The signpost counts divisors slope j + offset; d(0) is first.
            estimate = 1.0 if estimate == 0.0 and x >= first else estimate
            estimate = 0.0 if estimate == 1.0 and x < first else estimate
            dense[e, d] = x
            seats[e, d] = estimate
            assigned[d] += estimate
            settled[d] &= _fits(x, estimate, 1.0, slope, offset, first)
    if _step_one_seat(k, magnitudes, slope, offset, first, table):
        _test_steps(k, slope, offset, first, table)
    for d in range(n_districts):
        if total[d] > 0.0 and assigned[d] != magnitudes[d]:
            settled[d] = _walk(d, k, float(magnitudes[d]), slope, offset, first, table)


@njit(**INLINE)
def _step_one_seat(k, magnitudes, slope, offset, first, table):
    """Move one seat in every district whose estimate is one off; whether any moved.

    A district a seat short gives it to the highest claim to a next seat,
    ``x / d(s)``; one a seat over takes it from the lowest claim to a last
    seat, ``x / d(s - 1)``.  The claims are divided here, every district at
    once, so two claims within rounding of each other may be taken in either
    order; the test that follows (:func:`_test_steps`) then fails, as it
    does for equal claims, and the district is left unsettled.  Districts
    with a signpost factor that is not positive are left to the walk.
    """
    x, seats, assigned, settled = table.votes, table.seats, table.assigned, table.settled
    step, bound, holder = table.step, table.bound, table.holder
    n_districts = magnitudes.shape[0]
    for d in range(n_districts):
        gap = magnitudes[d] - assigned[d]
        one_off = table.factor[d] > 0.0 and (gap == 1.0 or gap == -1.0)
        step[d] = gap if one_off else 0.0
        bound[d] = -np.inf if gap == 1.0 else np.inf
        holder[d] = -1
    for e in range(k):
        for d in range(n_districts):
            s = seats[e, d]
            up = step[d] == 1.0
            divisor = _divisor(s if up else s - 1.0, slope, offset, first)
            claim = x[e, d] / (divisor if up or s > 0.0 else 1.0)
            down = (step[d] == -1.0) & (s > 0.0)
            take = (up & (claim > bound[d])) | (down & (claim < bound[d]))
            bound[d] = claim if take else bound[d]
            holder[d] = e if take else holder[d]
    moved = False
    for d in range(n_districts):
        if holder[d] >= 0:  # only a district one off takes a claim
            seats[holder[d], d] += step[d]
            assigned[d] += step[d]
            bound[d] *= 1.0 - step[d] * _NUDGE  # towards the claims withheld
            settled[d] = moved = True
    return moved


@njit(**INLINE)
def _test_steps(k, slope, offset, first, table):
    """Test the seats of every district that moved one, at the ``t`` of its move."""
    x, seats, bound, holder, settled = (
        table.votes,
        table.seats,
        table.bound,
        table.holder,
        table.settled,
    )
    for e in range(k):
        for d in range(settled.shape[0]):
            passes = _fits(x[e, d], seats[e, d], bound[d], slope, offset, first)
            settled[d] &= (holder[d] < 0) | passes


@njit(**INLINE)
def _walk(d, k, magnitude, slope, offset, first, table):
    """Walk district ``d``'s seats to ``magnitude``, then test them; whether they pass."""
    x, seats, assigned = table.votes, table.seats, table.assigned
    if assigned[d] < magnitude:
        while assigned[d] < magnitude:  # the highest claim to a next seat takes it
            moved = 0
            for e in range(1, k):
                if x[e, d] * _divisor(seats[moved, d], slope, offset, first) > x[
                    moved, d
                ] * _divisor(seats[e, d], slope, offset, first):
                    moved = e
            seats[moved, d] += 1.0
            assigned[d] += 1.0
        t = x[moved, d] / _divisor(seats[moved, d] - 1.0, slope, offset, first) * (1.0 - _NUDGE)
    else:
        while assigned[d] > magnitude:  # the lowest claim to a last seat gives it back
            moved = -1
            for e in range(k):
                if seats[e, d] > 0.0 and (
                    moved < 0
                    or x[e, d] * _divisor(seats[moved, d] - 1.0, slope, offset, first)
                    < x[moved, d] * _divisor(seats[e, d] - 1.0, slope, offset, first)
                ):
                    moved = e
            seats[moved, d] -= 1.0
            assigned[d] -= 1.0
        t = x[moved, d] / _divisor(seats[moved, d], slope, offset, first) * (1.0 + _NUDGE)
    for e in range(k):
        if not _fits(x[e, d], seats[e, d], t, slope, offset, first):
            return False
    return True
