"""The linkage of two tiers, draw by draw: the list allocation and the constituency seats.

The kernel forms of :data:`seatcast.engine.rules.linkage.LINKAGES` (all but
``ams``, which compensates region by region), on one drawn vote vector and
the constituency seats each name won.  Names are the list parties, then the
names that stand only in constituencies (independents).  Each rule gives
the same seats as its exact form on the same votes and wins; tests hold the
two together on random inputs.
"""

from numba import njit

from seatcast.engine.kernels import allocation as kernels
from seatcast.engine.kernels.codes import (
    LEVELING,
    LEVELING_RETURNED,
    MMP,
    MMP_CAPPED,
    NO_LIST_SEATS,
    OK,
    PARALLEL,
)
from seatcast.engine.kernels.options import INLINE


@njit(**INLINE)
def link_tiers(code, table, k, votes, eligible, won, taking, work, entitled, listed, seated):
    """Link the list tier of one draw with the constituency seats won, by linkage ``code``.

    Parameters
    ----------
    code : int
        A linkage code of :mod:`seatcast.engine.kernels.codes`.
    table : MethodTable
        The list tier's rules (:class:`~seatcast.engine.run.compiled_rules.MethodTable`).
    k : int
        The entry of ``table`` to apply; its seats are the whole house under
        a linkage inside it, the list seats under ``PARALLEL``.
    votes : float64[:]
        The draw: parties, then no-seat options.
    eligible : bool[:]
        Parties that pass the threshold (its alternative counting ``won``).
    won : int64[:]
        Constituency seats won, by name (parties, then the others).
    taking : bool[:]
        Scratch, one per party: who takes part in the list allocation.
    work : float64[:]
        The allocation kernels' scratch.
    entitled : int64[:]
        Written: the list allocation (under a linkage inside the house, the
        entitlements), by party.
    listed, seated : int64[:]
        Written: list seats and constituency seats taken up, by name.

    Returns
    -------
    int
        A status code; on a failure ``listed`` and ``seated`` are not written.
    """
    n_parties = entitled.shape[0]
    n_names = won.shape[0]
    for i in range(n_parties):
        taking[i] = eligible[i]
    house = table.n_seats[k]
    if code != PARALLEL:
        for i in range(n_names):
            if code == MMP_CAPPED:
                keeps = i >= n_parties  # only independents keep seats outside the entitlements
            else:
                keeps = i >= n_parties or not taking[i]
            if keeps:
                house -= won[i]
    while True:
        if house < 1:
            return NO_LIST_SEATS
        rule = kernels.rule_like(
            table.prototype,
            house,
            table.kind[k],
            table.slope[k],
            table.offset[k],
            table.first[k],
            table.geometric[k],
        )
        status = kernels.allocate(rule, votes, taking, work, entitled)
        if status != OK or code != LEVELING:
            break
        # Leveling: a party over its entitlement keeps its seats and is set
        # aside; the others share what is left.
        again = False
        for i in range(n_parties):
            if taking[i] and won[i] > entitled[i]:
                taking[i] = False
                house -= won[i]
                again = True
        if not again:
            break
    if status != OK:
        return status
    for i in range(n_names):
        wins = won[i]
        if i >= n_parties:
            listed[i], seated[i] = 0, wins
            continue
        share = entitled[i] if taking[i] else 0
        if code == PARALLEL:
            listed[i], seated[i] = entitled[i], wins
        elif code == MMP or code == LEVELING:
            listed[i], seated[i] = max(share - wins, 0), wins
        elif code == MMP_CAPPED or (code == LEVELING_RETURNED and taking[i]):
            seated[i] = min(wins, share)
            listed[i] = share - seated[i]
        else:  # LEVELING_RETURNED, a party that did not pass keeps its seats
            listed[i], seated[i] = 0, wins
    return OK
