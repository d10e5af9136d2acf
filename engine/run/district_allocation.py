"""Settle every district of one draw at once, where the rule allows it.

The chunk kernel (:mod:`seatcast.engine.run.chunk`) allocates a districts
config district by district.  Before it does, it calls
:func:`settle_together` once per draw, rule row and run of grid points.  A
divisor method over several districts whose first divisor is positive (not
Huntington-Hill or Adams, which seat every list first), with no seats held
before (the additional member system), settles the districts together
(:mod:`seatcast.engine.kernels.divisor_districts`) and writes their seats;
the kernel then allocates only the districts left unsettled, one at a time.
(A remainder pool needs a quota method, which is never settled together.)
Both routes give the same seats.  Callable from numba only.
"""

from numba import njit
from numba.extending import overload

from seatcast.engine.kernels import allocation as kernels
from seatcast.engine.kernels.divisor_districts import gather_districts, settle_districts
from seatcast.engine.kernels.options import BORROWED, INLINE


def settle_together(
    prototype, table, k, rules, votes, eligible, width, dense, seats, district_seats
):
    """Settle one draw's districts by row ``k`` of ``table``; callable from numba only.

    Parameters
    ----------
    prototype : QuotaRule or DivisorRule
        ``table.prototype``: numba picks the code by its type.
    table : MethodTable
    k : int
        The row of ``table``.
    rules : CompiledRules
    votes : float64[:]
        The draw, district after district, ``width`` components each.
    eligible : bool[:]
        Lists that cleared the national threshold.
    width : int
    dense : DistrictTable
        Written: the lists gathered, their seats and the districts settled.
    seats : int64[:]
        Zero on entry; written: each party's seats in the districts settled.
    district_seats : int64[:, :]
        Written: the seats of each district settled, and zeros in the others.

    Returns
    -------
    bool
        Whether the rule is settled together; if not, ``seats`` and
        ``district_seats`` are left as they were and every district is to
        be allocated on its own, otherwise only those not settled.
    """
    raise TypeError("settle_together is for numba kernels")


# Not inlined: compiled once per run shape as its own function, so that the
# block loop that calls it compiles in about the same time as without it.
@overload(settle_together, jit_options=BORROWED)
def _settle_together_for(
    prototype, table, k, rules, votes, eligible, width, dense, seats, district_seats
):
    if prototype.instance_class is kernels.QuotaRule:

        def one_by_one(
            prototype, table, k, rules, votes, eligible, width, dense, seats, district_seats
        ):
            return False

        return one_by_one

    def together(prototype, table, k, rules, votes, eligible, width, dense, seats, district_seats):
        if (
            rules.magnitudes.shape[0] < 2
            or rules.district_start.shape[0] > 0
            or not table.first[k] > 0.0
            or table.geometric[k]
        ):
            return False
        n_lists = gather_districts(
            votes,
            width,
            eligible,
            rules.district_exempt,
            rules.district_bar,
            eligible.shape[0] if not rules.base_all else width,
            rules.strict,
            dense,
        )
        settle_districts(
            n_lists, rules.magnitudes, table.slope[k], table.offset[k], table.first[k], dense
        )
        _write_settled(n_lists, dense, seats, district_seats)
        return True

    return together


@njit(**INLINE)
def _write_settled(n_lists, dense, seats, district_seats):
    """Copy the seats of the districts settled into ``district_seats``, and their sums."""
    settled = dense.settled
    district_seats[:, :] = 0
    for e in range(n_lists):
        party, total = dense.lists[e], 0
        for d in range(settled.shape[0]):
            won = int(dense.seats[e, d]) if settled[d] else 0
            district_seats[d, party] = won
            total += won
        seats[party] = total
