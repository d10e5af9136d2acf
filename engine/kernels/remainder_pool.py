"""The second scrutiny of a remainder pool, draw by draw.

The kernel form of :mod:`seatcast.engine.rules.remainder_pool`: the
districts have given their whole quotas
(:func:`~seatcast.engine.kernels.allocation.whole_quotas`) and left their
remainders; these are pooled nationally, the seats left are allocated on
them by the pool's quota, and each goes back to the district of the party's
largest remainder with a seat free, (district, party) pairs taken largest
first, as the exact engine takes them.
"""

from typing import NamedTuple

import numpy as np
from numba import njit

from seatcast.engine.kernels.allocation import SCRATCH_PER_PARTY, QuotaRule, allocate_quota
from seatcast.engine.kernels.codes import OK
from seatcast.engine.kernels.options import INLINE


class PoolScratch(NamedTuple):
    """The buffers of the second scrutiny, made once per chunk.

    Parameters
    ----------
    remainders : ndarray of float64, (districts, parties)
    pooled, work : ndarray of float64, (parties,) and (SCRATCH_PER_PARTY * parties,)
    taking : ndarray of bool, (parties,)
    owed : ndarray of int64, (parties,)
    free : ndarray of int64, (districts,)
    used : ndarray of bool, (districts, parties)
    """

    remainders: np.ndarray
    pooled: np.ndarray
    work: np.ndarray
    taking: np.ndarray
    owed: np.ndarray
    free: np.ndarray
    used: np.ndarray


@njit(**INLINE)
def make_pool_scratch(n_districts, n_parties):
    """:class:`PoolScratch` for ``n_districts`` by ``n_parties``."""
    return PoolScratch(
        remainders=np.zeros((n_districts, n_parties)),
        pooled=np.empty(n_parties),
        work=np.empty(SCRATCH_PER_PARTY * n_parties),
        taking=np.empty(n_parties, dtype=np.bool_),
        owed=np.empty(n_parties, dtype=np.int64),
        free=np.empty(n_districts, dtype=np.int64),
        used=np.empty((n_districts, n_parties), dtype=np.bool_),
    )


@njit(**INLINE)
def pool_remainders(pool_kind, magnitudes, eligible, scratch, district_seats, seats):
    """Allocate the seats the districts left on the pooled remainders, and hand them back.

    Parameters
    ----------
    pool_kind : int
        The quota kind of the pool (:mod:`seatcast.engine.kernels.codes`).
    magnitudes : int64[:]
        Seats of each district.
    eligible : bool[:]
        The parties that passed nationally.
    scratch : PoolScratch
        Its ``remainders`` hold each party's remainder in each district, in
        votes (0 where it took no part).
    district_seats : int64[:, :]
        Seats by district and party from the whole quotas; the pool's added.
    seats : int64[:]
        Seats by party; the pool's added.

    Returns
    -------
    int
        A status code.
    """
    remainders = scratch.remainders
    n_districts, n_parties = remainders.shape
    pooled, taking, owed = scratch.pooled, scratch.taking, scratch.owed
    free, used = scratch.free, scratch.used
    left = 0
    for d in range(n_districts):
        free[d] = magnitudes[d]
        for i in range(n_parties):
            free[d] -= district_seats[d, i]
        left += free[d]
    if left == 0:
        return OK
    for i in range(n_parties):
        pooled[i] = 0.0
        for d in range(n_districts):
            pooled[i] += remainders[d, i]
        taking[i] = eligible[i] and pooled[i] > 0.0
    status = allocate_quota(pooled, taking, QuotaRule(left, pool_kind), scratch.work, owed)
    if status != OK:
        return status
    for d in range(n_districts):
        for i in range(n_parties):
            used[d, i] = False
    while left > 0:
        best_d, best_i, best = -1, -1, -np.inf
        for d in range(n_districts):
            if free[d] == 0:
                continue
            for i in range(n_parties):
                if owed[i] > 0 and not used[d, i] and remainders[d, i] > best:
                    best_d, best_i, best = d, i, remainders[d, i]
        if best_d < 0:  # a pass over every pair is done: the next starts from the top
            for d in range(n_districts):
                for i in range(n_parties):
                    used[d, i] = False
            continue
        used[best_d, best_i] = True
        district_seats[best_d, best_i] += 1
        seats[best_i] += 1
        owed[best_i] -= 1
        free[best_d] -= 1
        left -= 1
    return OK
