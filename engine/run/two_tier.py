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
from seatcast.engine.kernels.options import BORROWED, INLINE, JIT
from seatcast.engine.run.chunk import add_shares, count_grid_passes, scale_to_total
from seatcast.models.registry import BLOCK_SIZE, draw_shares

#: A candidate's noise is a normal truncated at this many sd (a normal lies beyond
#: it once in 8e14 draws), so that a candidate too far behind cannot win and
#: need not be drawn.
TRUNCATION = 8.0


class TierScratch(NamedTuple):
    """The buffers of one chunk of a two-tier run, made once.

    Parameters
    ----------
    won : ndarray of int64, (BLOCK_SIZE, names)
        Constituency seats won by each name in each draw of the block
        (held seats included).
    failed : ndarray of int64, (BLOCK_SIZE,)
        ``OK``, or the status of a constituency of several seats that its
        method could not allocate in the draw.
    swing : ndarray of float64, (components + 1,)
        A draw's log share less the official log share, times the tier's
        ``swing``; 0 last, for candidates that carry none.
    scores : ndarray of float64, (width,)
        The drawn votes of the candidates of a constituency of several seats
        (``width``: the most candidates of one constituency).
    standing : ndarray of bool, (width,)
    cast : ndarray of int64, (width,)
        Seats of a constituency of several seats.
    scaled : ndarray of float64, (components,)
        A draw scaled to the official ballots (for rows that rescale: Droop).
    passes, scaled_passes : ndarray of int64, (parties,)
        Whether each party passes (1) or not (0), the draw as drawn and as scaled.
    eligible, scaled_eligible, taking : ndarray of bool, (parties,)
    work : ndarray of float64, (2 * max(parties, width),)
    entitled : ndarray of int64, (parties,)
    listed, seated : ndarray of int64, (names,)
    """

    won: np.ndarray
    failed: np.ndarray
    swing: np.ndarray
    scores: np.ndarray
    standing: np.ndarray
    cast: np.ndarray
    scaled: np.ndarray
    passes: np.ndarray
    scaled_passes: np.ndarray
    eligible: np.ndarray
    scaled_eligible: np.ndarray
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
    width = 1
    for c in range(tier.magnitude.shape[0]):
        width = max(width, tier.first_slot[c + 1] - tier.first_slot[c])
    drawn = np.empty((BLOCK_SIZE, n_components))
    scratch = TierScratch(
        won=np.empty((BLOCK_SIZE, n_names), dtype=np.int64),
        failed=np.empty(BLOCK_SIZE, dtype=np.int64),
        swing=np.empty(n_components + 1),
        scores=np.empty(width),
        standing=np.empty(width, dtype=np.bool_),
        cast=np.empty(width, dtype=np.int64),
        scaled=np.empty(n_components),
        passes=np.empty(n_parties, dtype=np.int64),
        scaled_passes=np.empty(n_parties, dtype=np.int64),
        eligible=np.empty(n_parties, dtype=np.bool_),
        scaled_eligible=np.empty(n_parties, dtype=np.bool_),
        taking=np.empty(n_parties, dtype=np.bool_),
        work=np.empty(kernels.SCRATCH_PER_PARTY * max(n_parties, width)),
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
    """The constituency seats each name wins in each draw of a block, held seats included.

    Under plurality the candidates of a constituency come in order of their
    official votes, and a candidate whose drawn votes could not beat the
    best so far even with the largest noise (:data:`TRUNCATION` sd) draws
    no normal; once even the largest swing of the draw could not lift the
    next candidate that far, none of the rest can win and the loop ends.  In
    Germany's constituencies most candidates are never looked at.
    """
    swing, won = scratch.swing, scratch.won
    log_votes, component, name = tier.log_votes, tier.component, tier.name
    first_slot, n_constituencies, plurality = (
        tier.first_slot,
        tier.magnitude.shape[0],
        tier.plurality,
    )
    n_components = drawn.shape[1]
    sd = tier.sd
    reach = sd * TRUNCATION
    swing[n_components] = 0.0
    for row in range(n_rows):
        total = 0.0
        for j in range(n_components):
            total += drawn[row, j]
        log_total = np.log(total)
        lift = 0.0  # the largest swing of the draw, 0 for the candidates without one
        for j in range(n_components):
            swing[j] = 0.0
            if tier.swing > 0.0:  # a share drawn as 0 then moves its candidates to 0 votes
                swing[j] = tier.swing * (np.log(drawn[row, j]) - log_total - tier.log_centre[j])
            if swing[j] > lift:
                lift = swing[j]
        for i in range(won.shape[1]):
            won[row, i] = tier.fixed[i]
        scratch.failed[row] = OK
        for c in range(n_constituencies):
            first, last = first_slot[c], first_slot[c + 1]
            if not plurality:
                status = _share_constituency(tier, rng, c, first, last, scratch)
                if status != OK:
                    scratch.failed[row] = status
                for k in range(first, last):
                    won[row, name[k]] += scratch.cast[k - first]
                continue
            best, best_score = first, -np.inf
            for k in range(first, last):
                if log_votes[k] + lift + reach <= best_score:
                    break  # the rest have fewer votes still
                centre = log_votes[k] + swing[component[k]]
                if centre + reach <= best_score:
                    continue
                score = centre + sd * truncated_normal(rng)
                if score > best_score:
                    best, best_score = k, score
            won[row, name[best]] += 1


@njit(**BORROWED)
def _share_constituency(tier, rng, c, first, last, scratch):
    """Seats of constituency ``c`` of several seats by the tier's method, into ``scratch.cast``.

    Returns the allocation's status; on a failure no candidate is seated.
    """
    scores, standing, cast = scratch.scores, scratch.standing, scratch.cast
    for j in range(scores.shape[0]):
        k = first + j
        standing[j] = k < last
        scores[j] = 0.0
        if k < last:
            drawn = tier.log_votes[k] + tier.sd * truncated_normal(rng)
            scores[j] = np.exp(drawn + scratch.swing[tier.component[k]])
    rule = kernels.rule_like(
        tier.rule, tier.magnitude[c], tier.kind, tier.slope, tier.offset, tier.first, tier.geometric
    )
    status = kernels.allocate(rule, scores, standing, scratch.work, cast)
    if status != OK:
        for j in range(cast.shape[0]):
            cast[j] = 0
    return status


@njit(**INLINE)
def truncated_normal(rng):
    """A standard normal, drawn again whenever it falls beyond :data:`TRUNCATION` sd."""
    while True:
        z = rng.standard_normal()
        if abs(z) <= TRUNCATION:
            return z


@njit(**BORROWED)
def _chamber_rows(table, rules, tier, coalitions, drawn, n_rows, scratch, tallies):
    """Link the tiers of every draw of a block by every row of one method table, and tally."""
    seat_count, pass_count, tier_count = tallies.seat_count, tallies.pass_count, tallies.tier_count
    size_count, majority_count = tallies.size_count, tallies.majority_count
    coalition_count, status_count = tallies.coalition_count, tallies.status_count
    members = coalitions.members
    n_coalitions = members.shape[0] // 2
    scaled = scratch.scaled
    listed, seated = scratch.listed, scratch.seated
    n_parties = scratch.passes.shape[0]
    n_names = listed.shape[0]
    rescaled = rules.vote_totals[0] > 0.0
    for row in range(n_rows):
        won = scratch.won[row]
        # Who passes, once per draw as drawn and once as scaled (if a row rescales).
        _passing(drawn[row], won, tier, rules, scratch.passes, scratch.eligible)
        if rescaled:
            for j in range(scaled.shape[0]):
                scaled[j] = drawn[row, j]
            scale_to_total(scaled, rules.vote_totals[0])
            _passing(scaled, won, tier, rules, scratch.scaled_passes, scratch.scaled_eligible)
        for k in range(table.row.shape[0]):
            r = table.row[k]
            votes, passes, eligible = drawn[row], scratch.passes, scratch.eligible
            if table.rescale[k]:
                votes, passes, eligible = scaled, scratch.scaled_passes, scratch.scaled_eligible
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
            if scratch.failed[row] != OK:  # a constituency could not be allocated
                status = scratch.failed[row]
            if status != OK:
                for i in range(n_names):
                    listed[i], seated[i] = 0, 0
            status_count[0, r, status] += 1
            size = 0
            for i in range(n_names):
                size += listed[i] + seated[i]
            if status == OK:  # a failed draw has no chamber: its size is not counted
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


@njit(**INLINE)
def _passing(votes, won, tier, rules, passes, eligible):
    """Who passes the threshold with ``votes``, or by its alternative: 1 or 0, and as flags.

    The alternative counts the simulated constituencies and the seats won
    elsewhere (by default the held ones).
    """
    n_parties = passes.shape[0]
    count_grid_passes(votes, n_parties, rules, passes)
    for i in range(n_parties):
        counted = won[i] - tier.fixed[i] + tier.elsewhere[i]
        if tier.alternative > 0 and counted >= tier.alternative and votes[i] > 0.0:
            passes[i] = 1
        eligible[i] = passes[i] > 0
