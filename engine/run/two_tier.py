"""The kernel of a whole chamber: one draw is both tiers, drawn, allocated and linked.

Per draw the list model gives the list votes; each constituency's candidates
then move by their party's swing in that draw and a normal of their own, and
the constituency seats go by plurality (or the tier's method).  The
threshold, whose alternative counts the constituency seats won, picks the
parties of the list allocation, and the linkage makes the chamber of the
two tiers (:func:`~seatcast.engine.kernels.linkage.link_tiers`).  The
tallies are of the whole chamber: seats by name and by tier, the chamber's
size, and majorities of the chamber as it is (overhang included).
"""

from typing import NamedTuple

import numpy as np
from numba import literal_unroll, njit

from seatcast.engine.kernels import allocation as kernels
from seatcast.engine.kernels.codes import OK
from seatcast.engine.kernels.linkage import link_tiers
from seatcast.engine.kernels.options import BORROWED, JIT
from seatcast.engine.run.chunk import BLOCK_SIZE, add_shares, count_grid_passes, scale_to_total
from seatcast.models.registry import draw_shares


class TierScratch(NamedTuple):
    """The buffers of one chunk of a two-tier run, made once.

    Parameters
    ----------
    won : ndarray of int64, (BLOCK_SIZE, names)
        Constituency seats won by each name in each draw of the block
        (held seats included).
    swing : ndarray of float64, (components,)
        A draw's log share less the official log share.
    scores : ndarray of float64, (width,)
        A constituency's candidates' drawn votes.
    standing : ndarray of bool, (width,)
    cast : ndarray of int64, (width,)
        Seats of a constituency of several seats.
    scaled : ndarray of float64, (components,)
    passes : ndarray of int64, (parties,)
    eligible, taking : ndarray of bool, (parties,)
    work : ndarray of float64, (2 * max(parties, width),)
    entitled : ndarray of int64, (parties,)
    listed, seated : ndarray of int64, (names,)
    """

    won: np.ndarray
    swing: np.ndarray
    scores: np.ndarray
    standing: np.ndarray
    cast: np.ndarray
    scaled: np.ndarray
    passes: np.ndarray
    eligible: np.ndarray
    taking: np.ndarray
    work: np.ndarray
    entitled: np.ndarray
    listed: np.ndarray
    seated: np.ndarray


@njit(**JIT)
def two_tier_kernel(params, rules, tier, coalitions, rng, start, n_draws, n_components, tallies):
    """Draw ``n_draws`` whole chambers and add their tallies.

    The arguments are those of :func:`seatcast.engine.run.chunk.chunk_kernel`
    with the compiled tier (:class:`~seatcast.engine.run.compiled_tier.CompiledTier`),
    for rules with one national list and a one-point threshold grid.  A
    block's list votes are drawn first, then its constituencies draw by draw.
    """
    n_parties = tallies.pass_count.shape[2]
    n_names = tier.fixed.shape[0]
    width = tier.candidate.shape[1]
    drawn = np.empty((BLOCK_SIZE, n_components))
    scratch = TierScratch(
        won=np.empty((BLOCK_SIZE, n_names), dtype=np.int64),
        swing=np.empty(n_components),
        scores=np.empty(width),
        standing=np.empty(width, dtype=np.bool_),
        cast=np.empty(width, dtype=np.int64),
        scaled=np.empty(n_components),
        passes=np.empty(n_parties, dtype=np.int64),
        eligible=np.empty(n_parties, dtype=np.bool_),
        taking=np.empty(n_parties, dtype=np.bool_),
        work=np.empty(2 * max(n_parties, width)),
        entitled=np.empty(n_parties, dtype=np.int64),
        listed=np.empty(n_names, dtype=np.int64),
        seated=np.empty(n_names, dtype=np.int64),
    )
    for block_start in range(0, n_draws, BLOCK_SIZE):
        n_rows = min(BLOCK_SIZE, n_draws - block_start)
        draw_shares(params, rng, start + block_start, drawn[:n_rows])
        _constituency_block(tier, rng, drawn, n_rows, scratch)
        if tallies.share_count.shape[1] > 0:
            for row in range(n_rows):
                add_shares(drawn[row], tallies.share_count)
        for table in literal_unroll(rules.tables):
            _chamber_rows(table, rules, tier, coalitions, drawn, n_rows, scratch, tallies)


@njit(**BORROWED)
def _constituency_block(tier, rng, drawn, n_rows, scratch):
    """The constituency seats each name wins in each draw of a block, held seats included."""
    swing, scores, won = scratch.swing, scratch.scores, scratch.won
    n_components = drawn.shape[1]
    for row in range(n_rows):
        total = 0.0
        for j in range(n_components):
            total += drawn[row, j]
        log_total = np.log(total)
        for j in range(n_components):
            swing[j] = tier.swing * (np.log(drawn[row, j]) - log_total - tier.log_centre[j])
        for i in range(won.shape[1]):
            won[row, i] = tier.fixed[i]
        for c in range(tier.candidate.shape[0]):
            n = tier.n_candidates[c]
            best, best_score = 0, -np.inf
            for j in range(n):
                score = tier.log_votes[c, j] + tier.sd * rng.standard_normal()
                component = tier.component[tier.candidate[c, j]]
                if component >= 0:
                    score += swing[component]
                scores[j] = score
                if score > best_score:
                    best, best_score = j, score
            if tier.plurality:
                won[row, tier.candidate[c, best]] += 1
            else:
                _share_constituency(tier, c, n, scratch)
                for j in range(n):
                    won[row, tier.candidate[c, j]] += scratch.cast[j]


@njit(**BORROWED)
def _share_constituency(tier, c, n, scratch):
    """Seats of constituency ``c`` of several seats by the tier's method, into ``scratch.cast``."""
    scores, standing, cast = scratch.scores, scratch.standing, scratch.cast
    for j in range(scores.shape[0]):
        standing[j] = j < n
        scores[j] = np.exp(scores[j]) if j < n else 0.0
    rule = kernels.rule_like(
        tier.rule, tier.magnitude[c], tier.kind, tier.slope, tier.offset, tier.first, tier.geometric
    )
    if kernels.allocate(rule, scores, standing, scratch.work, cast) != OK:
        for j in range(cast.shape[0]):
            cast[j] = 0


@njit(**BORROWED)
def _chamber_rows(table, rules, tier, coalitions, drawn, n_rows, scratch, tallies):
    """Link the tiers of every draw of a block by every row of one method table, and tally."""
    seat_count, pass_count, tier_count = tallies.seat_count, tallies.pass_count, tallies.tier_count
    size_count, majority_count = tallies.size_count, tallies.majority_count
    coalition_count, status_count = tallies.coalition_count, tallies.status_count
    members = coalitions.members
    n_coalitions = members.shape[0] // 2
    passes, eligible, scaled = scratch.passes, scratch.eligible, scratch.scaled
    listed, seated = scratch.listed, scratch.seated
    n_parties = passes.shape[0]
    n_names = listed.shape[0]
    for row in range(n_rows):
        won = scratch.won[row]
        for k in range(table.row.shape[0]):
            r = table.row[k]
            votes = drawn[row]
            if table.rescale[k]:
                for j in range(scaled.shape[0]):
                    scaled[j] = drawn[row, j]
                scale_to_total(scaled, rules.vote_totals[0])
                votes = scaled
            count_grid_passes(votes, n_parties, rules, passes)
            for i in range(n_parties):
                if tier.alternative > 0 and won[i] >= tier.alternative and votes[i] > 0.0:
                    passes[i] = 1
                eligible[i] = passes[i] > 0
            status = link_tiers(
                tier.linkage,
                table,
                k,
                votes,
                eligible,
                won,
                scratch.taking,
                scratch.work,
                scratch.entitled,
                listed,
                seated,
            )
            if status != OK:
                for i in range(n_names):
                    listed[i], seated[i] = 0, 0
            status_count[0, r, status] += 1
            size = 0
            for i in range(n_names):
                size += listed[i] + seated[i]
            size_count[0, r, size] += 1
            majority, supermajority = tier.majority[size], tier.supermajority[size]
            for i in range(n_names):
                total = listed[i] + seated[i]
                seat_count[0, r, i, total] += 1
                tier_count[0, r, 0, i, listed[i]] += 1
                tier_count[0, r, 1, i, seated[i]] += 1
                if total >= majority:
                    majority_count[0, r, 0, i] += 1
                if total >= supermajority:
                    majority_count[0, r, 1, i] += 1
            for i in range(n_parties):
                pass_count[0, r, i] += passes[i]
            for c in range(members.shape[0]):
                total = 0
                for i in range(n_parties):
                    if members[c, i]:
                        total += listed[i] + seated[i]
                if total >= (majority if c < n_coalitions else supermajority):
                    coalition_count[0, r, c] += 1
