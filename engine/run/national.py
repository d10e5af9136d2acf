"""The lean kernel of a national run: draw, apply the threshold, allocate, tally.

A run with one national list and one threshold (no grid of thresholds to
sweep) takes this loop instead of the general one of
:mod:`seatcast.engine.run.chunk`: per draw it finds who clears the
threshold, allocates by each row of the method table and counts, with no
grid of points to walk and no districts to sum.  Share histograms and
indices, when the run asks for them, add their own work and nothing else.
Its tallies are those the general kernel makes of the same run, bit for bit.
"""

from typing import NamedTuple

import numpy as np
from numba import literal_unroll, njit

from seatcast.engine.kernels import allocation as kernels
from seatcast.engine.kernels.codes import OK
from seatcast.engine.kernels.indices import (
    GALLAGHER_RANGE,
    effective_parties,
    fixed_point,
    gallagher,
    index_bin,
)
from seatcast.engine.kernels.options import BORROWED, INLINE, JIT
from seatcast.engine.run.chunk import add_shares, count_grid_passes, scale_to_total
from seatcast.models.registry import BLOCK_SIZE, draw_shares


class NationalScratch(NamedTuple):
    """The buffers of one chunk of a national run, made once.

    Parameters
    ----------
    scaled : ndarray of float64, (components,)
        A draw scaled to the official ballots (for rows that rescale: Droop).
    passes, scaled_passes : ndarray of int64, (parties,)
        Whether each party clears the threshold (1) or not (0), with the
        draw as drawn and as scaled.
    eligible, scaled_eligible : ndarray of bool, (parties,)
    work : ndarray of float64, (2 * parties,)
        The allocation kernels' scratch.
    seats : ndarray of int64, (parties,)
    """

    scaled: np.ndarray
    passes: np.ndarray
    scaled_passes: np.ndarray
    eligible: np.ndarray
    scaled_eligible: np.ndarray
    work: np.ndarray
    seats: np.ndarray


@njit(**JIT)
def national_kernel(params, rules, coalitions, rng, start, n_draws, n_components, tallies):
    """Draw ``n_draws`` vote vectors of a national run and add their tallies.

    The arguments are those of :func:`seatcast.engine.run.chunk.chunk_kernel`,
    for rules with one district and a one-point threshold grid.
    """
    n_parties = tallies.seat_count.shape[2]
    drawn = np.empty((BLOCK_SIZE, n_components))
    scratch = NationalScratch(
        scaled=np.empty(n_components),
        passes=np.empty(n_parties, dtype=np.int64),
        scaled_passes=np.empty(n_parties, dtype=np.int64),
        eligible=np.empty(n_parties, dtype=np.bool_),
        scaled_eligible=np.empty(n_parties, dtype=np.bool_),
        work=np.empty(kernels.SCRATCH_PER_PARTY * n_parties),
        seats=np.empty(n_parties, dtype=np.int64),
    )
    for block_start in range(0, n_draws, BLOCK_SIZE):
        n_rows = min(BLOCK_SIZE, n_draws - block_start)
        draw_shares(params, rng, start + block_start, drawn[:n_rows])
        if tallies.share_count.shape[1] > 0:
            _count_shares(drawn, n_rows, tallies.share_count)
        for table in literal_unroll(rules.tables):
            _allocate_rows(table, rules, coalitions, drawn, n_rows, scratch, tallies)


@njit(**BORROWED)
def _count_shares(drawn, n_rows, share_count):
    """Add each draw of a block to the share histograms."""
    for row in range(n_rows):
        add_shares(drawn[row], share_count)


@njit(**BORROWED)
def _allocate_rows(table, rules, coalitions, drawn, n_rows, scratch, tallies):
    """Allocate every draw of a block by every row of one method table, and tally."""
    seat_count, pass_count = tallies.seat_count, tallies.pass_count
    coalition_count, status_count = tallies.coalition_count, tallies.status_count
    members, need = coalitions.members, coalitions.need
    scaled = scratch.scaled
    work, seats = scratch.work, scratch.seats
    n_parties = seat_count.shape[2]
    index_count, index_sum = tallies.index_count, tallies.index_sum
    with_indices = index_count.shape[3] > 0
    rescaled = rules.vote_totals[0] > 0.0
    for row in range(n_rows):
        # Who clears, once per draw as drawn and once as scaled (if a row rescales).
        _clearing(drawn[row], n_parties, rules, scratch.passes, scratch.eligible)
        if rescaled:
            for j in range(scaled.shape[0]):
                scaled[j] = drawn[row, j]
            scale_to_total(scaled, rules.vote_totals[0])
            _clearing(scaled, n_parties, rules, scratch.scaled_passes, scratch.scaled_eligible)
        for k in range(table.row.shape[0]):
            r = table.row[k]
            votes, passes, eligible = drawn[row], scratch.passes, scratch.eligible
            if table.rescale[k]:
                votes, passes, eligible = scaled, scratch.scaled_passes, scratch.scaled_eligible
            rule = kernels.rule_like(
                table.prototype,
                table.n_seats[k],
                table.kind[k],
                table.slope[k],
                table.offset[k],
                table.first[k],
                table.geometric[k],
            )
            status = kernels.allocate(rule, votes, eligible, work, seats)
            if status != OK:
                seats[:] = 0
            status_count[0, r, status] += 1
            for i in range(n_parties):
                seat_count[0, r, i, seats[i]] += 1
                pass_count[0, r, i] += passes[i]
            for c in range(members.shape[0]):
                total = 0
                for i in range(n_parties):
                    if members[c, i]:
                        total += seats[i]
                if total >= need[r, c]:
                    coalition_count[0, r, c] += 1
            if with_indices and status == OK:
                effective = effective_parties(seats)
                disproportion = gallagher(drawn[row], seats)
                index_count[0, r, 0, index_bin(effective, n_parties)] += 1
                index_count[0, r, 1, index_bin(disproportion, GALLAGHER_RANGE)] += 1
                index_sum[0, r, 0] += fixed_point(effective)
                index_sum[0, r, 1] += fixed_point(disproportion)


@njit(**INLINE)
def _clearing(votes, n_parties, rules, passes, eligible):
    """Which parties clear the one-point threshold with ``votes``: 1 or 0, and as flags."""
    count_grid_passes(votes, n_parties, rules, passes)
    for i in range(n_parties):
        eligible[i] = passes[i] > 0
