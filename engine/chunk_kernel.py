"""The fused kernel: draw, apply the threshold, allocate and tally, for one chunk of draws.

One call handles one chunk with the Generator of that chunk.  Per draw it
writes the model's weights into a buffer, splits them into party votes and
no-seat votes, allocates, and adds to integer tallies.  Buffers are made
once per chunk; nothing is allocated per draw and no draw is kept.
"""

from typing import NamedTuple

import numpy as np
from numba import njit

from seatcast.engine.kernels import allocate_votes
from seatcast.models.dispatch import draw_shares


class Tallies(NamedTuple):
    """Integer counts over draws: the canonical, mergeable result of a run.

    Parameters
    ----------
    seat_count : ndarray of int64, (parties, seats + 1)
        Draws in which each party won exactly k seats.
    pass_count : ndarray of int64, (parties,)
        Draws in which each party cleared its threshold.
    coalition_count : ndarray of int64, (coalitions,)
        Draws in which each coalition reached its majority.
    status_count : ndarray of int64, (4,)
        Draws by kernel status (``kernels.OK`` and each failure code).
    share_count : ndarray of int64, (components, bins)
        Draws in which each component's share of all ballots fell in each of
        ``bins`` equal bins of [0, 1]; no bins (width 0) to skip it.
    """

    seat_count: np.ndarray
    pass_count: np.ndarray
    coalition_count: np.ndarray
    status_count: np.ndarray
    share_count: np.ndarray


class Coalitions(NamedTuple):
    """Coalitions as the kernel reads them.

    Parameters
    ----------
    members : ndarray of bool, (coalitions, parties)
    need : ndarray of int64, (coalitions,)
        Seats from this allocation each coalition needs for its majority
        (the chamber majority less seats its members hold elsewhere).
    """

    members: np.ndarray
    need: np.ndarray


@njit(nogil=True, cache=True, error_model="numpy", inline="always")
def scale_to_total(weights, total):
    """Scale ``weights`` in place so that they sum to ``total``: ``w * (total / sum(w))``."""
    weight_sum = 0.0
    for j in range(weights.shape[0]):
        weight_sum += weights[j]
    factor = total / weight_sum
    for j in range(weights.shape[0]):
        weights[j] *= factor


@njit(nogil=True, cache=True, error_model="numpy", inline="always")
def add_shares(weights, share_count):
    """Count each weight's share of the total in its bin of ``share_count``."""
    n_bins = share_count.shape[1]
    weight_sum = 0.0
    for j in range(weights.shape[0]):
        weight_sum += weights[j]
    for j in range(weights.shape[0]):
        share_bin = int(weights[j] / weight_sum * n_bins) if weight_sum > 0.0 else 0
        share_count[j, min(share_bin, n_bins - 1)] += 1


#: Draws made per call of the model: small enough to stay in cache.
BLOCK_SIZE = 64


@njit(nogil=True, cache=True, error_model="numpy")
def simulate_chunk(params, rules, coalitions, rng, start, n_draws, n_components, tallies):
    """Draw ``n_draws`` vote vectors, allocate each, and add into ``tallies``.

    Parameters
    ----------
    params : model parameters
        Any parameter tuple that ``seatcast.models.dispatch.draw_shares`` knows.
    rules : CompiledRules
    coalitions : Coalitions
    rng : numpy.random.Generator
        The chunk's own stream.
    start : int
        Number of the chunk's first draw in the run.
    n_draws : int
    n_components : int
        Parties, then no-seat options: the width of a draw.
    tallies : Tallies
        Added to.
    """
    seat_count, pass_count = tallies.seat_count, tallies.pass_count
    coalition_count, status_count = tallies.coalition_count, tallies.status_count
    share_count = tallies.share_count
    n_bins = share_count.shape[1]
    members, need = coalitions.members, coalitions.need
    method, thresholds, exempt, strict, base_all, vote_total = rules
    n_parties = seat_count.shape[0]
    block = np.empty((BLOCK_SIZE, n_components))
    eligible = np.empty(n_parties, dtype=np.bool_)
    scratch = np.empty(n_parties)
    seats = np.empty(n_parties, dtype=np.int64)
    for block_start in range(0, n_draws, BLOCK_SIZE):
        rows = block[: min(BLOCK_SIZE, n_draws - block_start)]
        draw_shares(params, rng, start + block_start, rows)
        for row in range(rows.shape[0]):
            weights = rows[row]
            if n_bins > 0:
                add_shares(weights, share_count)
            if vote_total > 0.0:
                scale_to_total(weights, vote_total)
            other_votes = 0.0
            for j in range(n_parties, n_components):
                other_votes += weights[j]
            status = allocate_votes(
                method,
                thresholds,
                exempt,
                strict,
                base_all,
                weights[:n_parties],
                other_votes,
                eligible,
                scratch,
                seats,
            )
            status_count[status] += 1
            for i in range(n_parties):
                seat_count[i, seats[i]] += 1
                pass_count[i] += eligible[i]
            for c in range(members.shape[0]):
                total = 0
                for i in range(n_parties):
                    if members[c, i]:
                        total += seats[i]
                if total >= need[c]:
                    coalition_count[c] += 1
