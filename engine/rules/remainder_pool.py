"""A national remainder pool: whole quotas in the districts, the remainders pooled.

Czechia's Chamber of Deputies since 2021 (Act 247/1995 Coll., ss. 50-51):

1. *First scrutiny.*  In each district (region) the rules' quota (the
   Imperiali quota, votes / (seats + 2)) gives each list that passed the
   national threshold its whole quotas, and nothing for remainders.  If the
   quotas give more seats than the district has, the excess is withdrawn
   from the smallest remainders.
2. *Second scrutiny.*  Each list's remainders (all its votes in a district
   where it won no seat) are summed nationally, and the seats the districts
   left are allocated on those sums by the pool's quota method
   (Hagenbach-Bischoff: whole quotas, then largest remainders).
3. *Back to the districts.*  A list's pooled seats go to the districts
   where its remainders were largest, among the districts with seats still
   free; the (list, district) pairs are taken by remainder, largest first.
   (The law's wording of this step was not at hand; this is the Czech
   Statistical Office's summary, and the order of votelib's
   implementation.)

Quotas are exact fractions here, where the Czech law rounds them to whole
votes; the two differ only when a list is within half a vote per seat of a
quota.
"""

import math
from typing import TYPE_CHECKING

from seatcast.engine.errors import AllocationError
from seatcast.engine.rules.allocation import Allocation, allocate_seats, whole_quotas
from seatcast.engine.rules.districts import DistrictSeats, district_eligible

if TYPE_CHECKING:
    from collections.abc import Sequence

    from seatcast.engine.rules.ballots import Ballots
    from seatcast.engine.rules.system import ElectionSystem


def allocate_pooled(
    system: "ElectionSystem", ballots: "Ballots", eligible: "Sequence[bool]"
) -> Allocation:
    """Whole quotas by district, the rest on the pooled remainders, handed back.

    Parameters
    ----------
    system : ElectionSystem
        Its method is the districts' quota; its districts' ``pool`` the
        method of the second scrutiny.
    ballots : Ballots
    eligible : sequence of bool
        The parties that passed the national threshold.

    Returns
    -------
    Allocation
        With ``district_seats``.
    """
    districts = system.districts
    n_parties = len(ballots.parties)
    rows, remainders, ties = [], [], []
    for index, (name, magnitude) in enumerate(zip(districts.names, districts.seats, strict=True)):
        seats, left, district_ties = whole_quotas(
            system.method,
            districts.votes[index],
            magnitude,
            eligible=district_eligible(districts, system.threshold, eligible, index),
            tie_policy=system.tie_policy,
            names=[f"{party} in {name}" for party in ballots.parties],
        )
        rows.append(seats)
        remainders.append(left)
        ties.extend(district_ties)
    free = [magnitude - sum(row) for magnitude, row in zip(districts.seats, rows, strict=True)]
    if sum(free):
        # Scaled to whole numbers (every quota method is scale-free): the
        # pooled votes are remainders in fractions of a vote.
        scale = math.lcm(*(value.denominator for row in remainders for value in row))
        pooled = [int(sum(row[i] for row in remainders) * scale) for i in range(n_parties)]
        taking = [ok and votes > 0 for ok, votes in zip(eligible, pooled, strict=True)]
        if not any(taking):
            raise AllocationError(
                f"{sum(free)} seats are left for the remainder pool, but no list has remainders"
            )
        national, pool_ties = allocate_seats(
            districts.pool,
            pooled,
            sum(free),
            eligible=taking,
            tie_policy=system.tie_policy,
            names=[f"{party} (pool)" for party in ballots.parties],
        )
        ties.extend(pool_ties)
        _hand_back(national, remainders, free, rows)
    totals = tuple(sum(row[i] for row in rows) for i in range(n_parties))
    return Allocation(
        ballots.parties,
        totals,
        tuple(eligible),
        tuple(ties),
        DistrictSeats(districts.names, tuple(tuple(row) for row in rows)),
    )


def _hand_back(national, remainders, free, rows):
    """Place each party's pooled seats in the districts of its largest remainders with room.

    The (district, party) pairs are taken by remainder, largest first (the
    first district, then the first party, on equal remainders), a seat at a
    time; a pass that leaves seats owed starts again from the top.
    """
    pairs = sorted(
        (-remainders[d][i], d, i) for d in range(len(rows)) for i in range(len(national))
    )
    owed = list(national)
    while any(owed):
        for _, d, i in pairs:
            if owed[i] and free[d]:
                rows[d][i] += 1
                owed[i] -= 1
                free[d] -= 1
