"""The general fused kernel: draw, apply the threshold, allocate and tally, for one chunk of draws.

One call handles one chunk with the Generator of that chunk.  Per draw it
writes the model's weights into a buffer, splits them into party votes and
no-seat votes, allocates by every rule of the run (one, or every point of a
sweep), district by district, and adds to integer tallies.  Buffers are made
once per chunk; nothing is allocated per draw and no draw is kept.  Runs with
one national list and one threshold take the lean loop of
:mod:`seatcast.engine.run.national` instead, which gives the same tallies.
"""

from typing import NamedTuple

import numpy as np
from numba import literal_unroll, njit
from numba.extending import overload

from seatcast.engine.kernels import allocation as kernels
from seatcast.engine.kernels.codes import OK
from seatcast.engine.kernels.divisor_districts import (
    DistrictTable,
    district_bar,
    make_district_table,
    takes_part,
)
from seatcast.engine.kernels.indices import (
    GALLAGHER_RANGE,
    effective_parties,
    fixed_point,
    gallagher,
    index_bin,
)
from seatcast.engine.kernels.options import BORROWED, INLINE, JIT
from seatcast.engine.kernels.remainder_pool import (
    PoolScratch,
    make_pool_scratch,
    pool_remainders,
)
from seatcast.engine.run.district_allocation import settle_together
from seatcast.models.registry import BLOCK_SIZE, draw_shares


class Tallies(NamedTuple):
    """Integer counts over draws: the canonical, mergeable result of a run.

    Every count but ``share_count`` has two leading axes: the threshold grid's
    points and the method table's rows.  The chunk kernel writes them along
    the points axis as differences (a draw adds its allocation at point 0,
    and at the first point of each later run of points with one eligible set
    only what changed), so that a 100-point grid costs one update per
    distinct eligible set; :func:`cumulate_points` turns them into counts.

    Parameters
    ----------
    seat_count : ndarray of int64, (points, rows, parties, seats + 1)
        Draws in which each party won exactly k seats.
    pass_count : ndarray of int64, (points, rows, parties)
        Draws in which each party cleared its threshold.
    coalition_count : ndarray of int64, (points, rows, coalitions)
        Draws in which each coalition reached its majority.
    status_count : ndarray of int64, (points, rows, 4)
        Draws by kernel status (``OK`` and each failure code).
    index_count : ndarray of int64, (points, rows, 2, INDEX_BINS)
        Allocated draws by bin of the effective number of parties (on
        ``[0, parties]``) and of Gallagher's index (on ``[0, 100]``); no bins
        (width 0) when the run does not ask for indices.
    index_sum : ndarray of int64, (points, rows, 2)
        Sums over allocated draws of each index in units of ``1 / INDEX_SCALE``
        (width 0 without indices).
    share_count : ndarray of int64, (components, bins)
        Draws in which each component's share of all ballots fell in each of
        ``bins`` equal bins of [0, 1]; no bins (width 0) to skip it.
    district_seat_sum : ndarray of int64, (points, rows, districts, parties)
        Seats summed over draws, by district (no districts: width 0).
    district_win_count : ndarray of int64, (points, rows, districts, parties)
        Draws in which each party won at least one seat in the district.
    tier_count : ndarray of int64, (points, rows, 2, names, seats + 1)
        Of a two-tier run (:mod:`seatcast.engine.run.two_tier`): draws in
        which each name won exactly k seats in the list tier [0] and in the
        constituency tier [1]; empty (size 0) otherwise.  A two-tier run's
        ``seat_count`` is of the whole chamber, by name.
    size_count : ndarray of int64, (points, rows, seats + 1)
        Of a two-tier run: draws by the size of the chamber.
    majority_count : ndarray of int64, (points, rows, 2, names)
        Of a two-tier run: draws in which each name alone has a majority [0]
        and a supermajority [1] of the chamber as drawn.
    """

    seat_count: np.ndarray
    pass_count: np.ndarray
    coalition_count: np.ndarray
    status_count: np.ndarray
    index_count: np.ndarray
    index_sum: np.ndarray
    share_count: np.ndarray
    district_seat_sum: np.ndarray
    district_win_count: np.ndarray
    tier_count: np.ndarray
    size_count: np.ndarray
    majority_count: np.ndarray


def cumulate_points(tallies: Tallies) -> Tallies:
    """Tallies written as differences along the points axis, as counts per point."""
    return tallies._replace(
        **{
            name: np.cumsum(getattr(tallies, name), axis=0)
            for name in Tallies._fields
            if name != "share_count"
        }
    )


class Coalitions(NamedTuple):
    """Coalitions as the kernel reads them.

    Parameters
    ----------
    members : ndarray of bool, (coalitions, parties)
    need : ndarray of int64, (rows, coalitions)
        Seats from this allocation each coalition needs for its majority
        (the chamber majority less seats its members hold elsewhere), for
        each row of the method table (its seat count sets the chamber).
    """

    members: np.ndarray
    need: np.ndarray


@njit(**INLINE)
def scale_to_total(weights, total):
    """Scale ``weights`` in place so that they sum to ``total``: ``w * (total / sum(w))``."""
    weight_sum = 0.0
    for j in range(weights.shape[0]):
        weight_sum += weights[j]
    factor = total / weight_sum
    for j in range(weights.shape[0]):
        weights[j] *= factor


@njit(**INLINE)
def add_shares(weights, share_count):
    """Count each weight's share of the total in its bin of ``share_count``."""
    n_bins = share_count.shape[1]
    weight_sum = 0.0
    for j in range(weights.shape[0]):
        weight_sum += weights[j]
    for j in range(weights.shape[0]):
        share_bin = int(weights[j] / weight_sum * n_bins) if weight_sum > 0.0 else 0
        share_count[j, min(share_bin, n_bins - 1)] += 1


class Scratch(NamedTuple):
    """The buffers of one chunk, made once and reused by every block of draws.

    Parameters
    ----------
    drawn : ndarray of float64, (2, BLOCK_SIZE, components)
        Each draw of a block as drawn [0], and with each district scaled to
        its ballots [1] (for rows that rescale: Droop).
    national : ndarray of float64, (BLOCK_SIZE, width)
        Each draw's votes summed over districts.
    summed : ndarray of float64, (width,)
        The same for a scaled draw.
    cleared : ndarray of int64, (2, BLOCK_SIZE, parties)
        The grid points each party clears, as drawn [0] and scaled [1].
    eligible, district_eligible : ndarray of bool, (parties,)
        Who takes part nationally, and in the district being allocated.
    work : ndarray of float64, (2 * parties,)
        The allocation kernels' scratch.
    seats, district_out : ndarray of int64, (parties,)
        Seats of the run being allocated, in all and in one district.
    district_seats : ndarray of int64, (districts, parties)
    last_seats, last_eligible, last_district, last_reached
        What the previous run of grid points tallied, to add only changes.
    pool : PoolScratch
        The buffers of a remainder pool's second scrutiny.
    districts : DistrictTable
        The buffers of settling every district of a draw at once.
    """

    drawn: np.ndarray
    national: np.ndarray
    summed: np.ndarray
    cleared: np.ndarray
    eligible: np.ndarray
    district_eligible: np.ndarray
    work: np.ndarray
    seats: np.ndarray
    district_out: np.ndarray
    district_seats: np.ndarray
    last_seats: np.ndarray
    last_eligible: np.ndarray
    last_district: np.ndarray
    last_reached: np.ndarray
    pool: PoolScratch
    districts: DistrictTable


@njit(**JIT)
def chunk_kernel(params, rules, coalitions, rng, start, n_draws, n_components, tallies):
    """Draw ``n_draws`` vote vectors, allocate each by every rule, and add into ``tallies``.

    Draws come in blocks of :data:`BLOCK_SIZE`: the model writes a block,
    :func:`_measure_block` finds what each draw's parties clear, and
    :func:`_allocate_block` allocates and tallies the block once per method
    family of the rules, each compiled with only its family's code.  Neither
    depends on the model, so each is compiled once per rule shape and shared
    by every model kind; only this loop is compiled per model.  Both are
    compiled without reference counting (``BORROWED``): the arrays they read
    belong to this loop.  Measured against one inlined
    loop: compiling four run shapes (two models by two method families) takes
    28 s instead of 69 s, and a run of 8 parties by Hare is about 5 % slower
    per draw (no difference with districts).

    Parameters
    ----------
    params : model parameters
        Any parameter tuple that ``seatcast.models.registry.draw_shares`` knows.
    rules : CompiledRules
    coalitions : Coalitions
    rng : numpy.random.Generator
        The chunk's own stream.
    start : int
        Number of the chunk's first draw in the run.
    n_draws : int
    n_components : int
        Width of a draw: parties, then no-seat options, district after district.
    tallies : Tallies
        Added to, as differences along the points axis.
    """
    n_parties = tallies.seat_count.shape[2]
    n_districts = rules.magnitudes.shape[0]
    width = n_components // n_districts  # components of one district
    scratch = Scratch(
        drawn=np.empty((2, BLOCK_SIZE, n_components)),
        national=np.empty((BLOCK_SIZE, width)),
        summed=np.empty(width),
        cleared=np.empty((2, BLOCK_SIZE, n_parties), dtype=np.int64),
        eligible=np.empty(n_parties, dtype=np.bool_),
        district_eligible=np.empty(n_parties, dtype=np.bool_),
        work=np.empty(kernels.SCRATCH_PER_PARTY * n_parties),
        seats=np.empty(n_parties, dtype=np.int64),
        district_out=np.empty(n_parties, dtype=np.int64),
        district_seats=np.zeros((n_districts, n_parties), dtype=np.int64),
        last_seats=np.empty(n_parties, dtype=np.int64),
        last_eligible=np.empty(n_parties, dtype=np.bool_),
        last_district=np.zeros((n_districts, n_parties), dtype=np.int64),
        last_reached=np.empty(coalitions.members.shape[0], dtype=np.bool_),
        pool=make_pool_scratch(n_districts, n_parties),
        districts=make_district_table(n_districts, n_parties),
    )
    for block_start in range(0, n_draws, BLOCK_SIZE):
        n_rows = min(BLOCK_SIZE, n_draws - block_start)
        draw_shares(params, rng, start + block_start, scratch.drawn[0, :n_rows])
        _measure_block(rules, n_rows, n_parties, scratch, tallies.share_count)
        for table in literal_unroll(rules.tables):
            _allocate_block(table, rules, coalitions, n_rows, width, scratch, tallies)


@njit(**BORROWED)
def _measure_block(rules, n_rows, n_parties, scratch, share_count):
    """Per draw of a block: national sums, shares, and the grid points each party clears.

    For rules that rescale (Droop), the same for the draw with each district
    scaled to its official ballots.
    """
    drawn, national, cleared = scratch.drawn, scratch.national, scratch.cleared
    n_districts = rules.magnitudes.shape[0]
    width = national.shape[1]
    rescaled = rules.vote_totals[0] > 0.0
    for row in range(n_rows):
        # The national sums, indexed in place (no view per draw), district
        # after district: the components' sums are then independent chains
        # of additions, each in the order of the districts.
        for j in range(width):
            national[row, j] = 0.0
        for d in range(n_districts):
            for j in range(width):
                national[row, j] += drawn[0, row, d * width + j]
        if share_count.shape[1] > 0:
            add_shares(national[row], share_count)
        count_grid_passes(national[row], n_parties, rules, cleared[0, row])
        if rescaled:
            for j in range(drawn.shape[2]):
                drawn[1, row, j] = drawn[0, row, j]
            for d in range(n_districts):
                scale_to_total(drawn[1, row, d * width : (d + 1) * width], rules.vote_totals[d])
            _sum_districts(drawn[1, row], scratch.summed)
            count_grid_passes(scratch.summed, n_parties, rules, cleared[1, row])


@njit(**BORROWED)
def _allocate_block(table, rules, coalitions, n_rows, width, scratch, tallies):
    """Allocate every draw of a block by every row of one method table, and tally.

    Per draw and method row, a party clears a prefix of the threshold grid
    (see :func:`~seatcast.engine.kernels.allocation.count_passes`), so the
    grid falls into at most parties + 1 runs of points with the same eligible
    set.  Each run is allocated once and tallied as the change from the run
    before it, at its first point.  With districts, the national threshold is
    judged on the draw's national sums, and a run allocates every district on
    its own votes.
    """
    # Fields read into locals once per block: the loops below then touch no tuple.
    seat_count, pass_count, coalition_count = (
        tallies.seat_count,
        tallies.pass_count,
        tallies.coalition_count,
    )
    status_count, index_count, index_sum = (
        tallies.status_count,
        tallies.index_count,
        tallies.index_sum,
    )
    district_seat_sum, district_win_count = tallies.district_seat_sum, tallies.district_win_count
    members, need = coalitions.members, coalitions.need
    eligible, district_eligible = scratch.eligible, scratch.district_eligible
    seats, district_out, district_seats = (
        scratch.seats,
        scratch.district_out,
        scratch.district_seats,
    )
    last_seats, last_eligible = scratch.last_seats, scratch.last_eligible
    last_district, last_reached = scratch.last_district, scratch.last_reached
    magnitudes, bar_fraction, district_exempt = (
        rules.magnitudes,
        rules.district_bar,
        rules.district_exempt,
    )
    strict = rules.strict
    n_points, n_parties = rules.grid.shape[0], seat_count.shape[2]
    n_base = n_parties if not rules.base_all else width
    dense = scratch.districts
    n_districts = magnitudes.shape[0]
    tally_districts = district_seat_sum.shape[2] > 0
    tally_indices = index_count.shape[3] > 0
    drawn, national, cleared, work = scratch.drawn, scratch.national, scratch.cleared, scratch.work
    pooled, pool = rules.pool_kind >= 0, scratch.pool
    for row in range(n_rows):
        for k in range(table.row.shape[0]):
            r, which = table.row[k], 1 if table.rescale[k] else 0
            votes = drawn[which, row]
            # The first run of points is added at point 0; each later run
            # adds only what changed since the run before, at its first point.
            for i in range(n_parties):
                last_eligible[i] = False
            for c in range(last_reached.shape[0]):
                last_reached[c] = False
            last_status, last_ok = 0, False
            last_bins, last_sums = (0, 0), (0, 0)
            low = 0
            while low < n_points:  # one run of grid points with one eligible set
                high = n_points
                for i in range(n_parties):
                    passes = cleared[which, row, i]
                    if low < passes < high:
                        high = passes
                    eligible[i] = passes > low
                # A divisor method settles most districts together; the
                # others go district by district, each among the lists that
                # cleared nationally, have votes there, and clear its bar.
                status = OK
                for i in range(n_parties):
                    seats[i] = 0
                together = settle_together(
                    table.prototype,
                    table,
                    k,
                    rules,
                    votes,
                    eligible,
                    width,
                    dense,
                    seats,
                    district_seats,
                )
                for d in range(n_districts):
                    if not (together and dense.settled[d]):
                        offset_d = d * width
                        bar = district_bar(votes, offset_d, n_base, bar_fraction)
                        for i in range(n_parties):
                            district_eligible[i] = takes_part(
                                votes[offset_d + i],
                                eligible[i],
                                district_exempt[i],
                                bar,
                                strict,
                            )
                        rule = kernels.rule_like(
                            table.prototype,
                            table.n_seats[k] if n_districts == 1 else magnitudes[d],
                            table.kind[k],
                            table.slope[k],
                            table.offset[k],
                            table.first[k],
                            table.geometric[k],
                        )
                        district_votes = (
                            votes if n_districts == 1 else votes[offset_d : offset_d + width]
                        )
                        status = _allocate_district(
                            rule,
                            district_votes,
                            district_eligible,
                            work,
                            district_out,
                            d,
                            pool,
                            rules,
                        )
                        if status != OK:
                            break
                        for i in range(n_parties):
                            seats[i] += district_out[i]
                            district_seats[d, i] = district_out[i]
                if pooled and status == OK:
                    status = pool_remainders(
                        rules.pool_kind, magnitudes, eligible, pool, district_seats, seats
                    )
                if status != OK:
                    seats[:] = 0
                    district_seats[:, :] = 0
                first_run = low == 0
                if first_run or status != last_status:
                    if not first_run:
                        status_count[low, r, last_status] -= 1
                    status_count[low, r, status] += 1
                    last_status = status
                for i in range(n_parties):
                    if first_run or seats[i] != last_seats[i]:
                        if not first_run:
                            seat_count[low, r, i, last_seats[i]] -= 1
                        seat_count[low, r, i, seats[i]] += 1
                        last_seats[i] = seats[i]
                    if eligible[i] != last_eligible[i]:
                        pass_count[low, r, i] += 1 if eligible[i] else -1
                        last_eligible[i] = eligible[i]
                if tally_districts:
                    for d in range(n_districts):
                        for i in range(n_parties):
                            now, before = district_seats[d, i], last_district[d, i]
                            if first_run:
                                before = 0
                            if now != before:
                                district_seat_sum[low, r, d, i] += now - before
                                district_win_count[low, r, d, i] += (now > 0) - (before > 0)
                            last_district[d, i] = now
                for c in range(last_reached.shape[0]):
                    total = 0
                    for i in range(n_parties):
                        if members[c, i]:
                            total += seats[i]
                    if (total >= need[r, c]) != last_reached[c]:
                        last_reached[c] = total >= need[r, c]
                        coalition_count[low, r, c] += 1 if last_reached[c] else -1
                if last_ok and tally_indices:
                    index_count[low, r, 0, last_bins[0]] -= 1
                    index_count[low, r, 1, last_bins[1]] -= 1
                    index_sum[low, r, 0] -= last_sums[0]
                    index_sum[low, r, 1] -= last_sums[1]
                last_ok = status == OK
                if last_ok and tally_indices:
                    effective = effective_parties(seats)
                    disproportion = gallagher(national[row], seats)
                    last_bins = (
                        index_bin(effective, n_parties),
                        index_bin(disproportion, GALLAGHER_RANGE),
                    )
                    last_sums = (fixed_point(effective), fixed_point(disproportion))
                    index_count[low, r, 0, last_bins[0]] += 1
                    index_count[low, r, 1, last_bins[1]] += 1
                    index_sum[low, r, 0] += last_sums[0]
                    index_sum[low, r, 1] += last_sums[1]
                low = high


def _allocate_district(rule, votes, eligible, work, out, d, pool, rules):
    """Allocate district ``d``: by the rule, or as its tier asks; callable from numba only.

    A quota rule under a remainder pool gives whole quotas only and keeps
    the district's remainders (in votes) for the pool.  A divisor rule with
    seats held in the district (the additional member system) starts each
    party's claims at them and gives only the seats it adds.  The config
    refuses the other pairings, and numba picks the code by the rule's type,
    so a block loop compiles for both families.
    """
    raise TypeError("_allocate_district is for numba kernels")


@overload(_allocate_district, inline="always", jit_options={"nogil": True})
def _allocate_district_for(rule, votes, eligible, work, out, d, pool, rules):
    if rule.instance_class is kernels.QuotaRule:

        def quota(rule, votes, eligible, work, out, d, pool, rules):
            if rules.pool_kind < 0:
                return kernels.allocate(rule, votes, eligible, work, out)
            status, _, denominator = kernels.whole_quotas(votes, eligible, rule, work, out)
            for i in range(out.shape[0]):
                pool.remainders[d, i] = work[i] / denominator if eligible[i] else 0.0
            return status

        return quota

    def divisor(rule, votes, eligible, work, out, d, pool, rules):
        if rules.district_start.shape[0] == 0:
            return kernels.allocate(rule, votes, eligible, work, out)
        return kernels.allocate_divisor_from(votes, eligible, rule, rules.district_start[d], out)

    return divisor


@njit(**INLINE)
def _sum_districts(draw, out):
    """Each component's votes summed over the districts of ``draw`` (district after district)."""
    width = out.shape[0]
    for j in range(width):
        out[j] = 0.0
    for d in range(draw.shape[0] // width):
        for j in range(width):
            out[j] += draw[d * width + j]


@njit(**INLINE)
def count_grid_passes(votes, n_parties, rules, out):
    """Grid points each party clears with ``votes`` (parties, then no-seat options)."""
    other_votes = 0.0
    for j in range(n_parties, votes.shape[0]):
        other_votes += votes[j]
    kernels.count_passes(
        votes,
        other_votes,
        rules.grid,
        rules.thresholds,
        rules.swept,
        rules.exempt,
        rules.strict,
        rules.base_all,
        out,
    )
