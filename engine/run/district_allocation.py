"""Settle every district of one draw at once, where the rule allows it.

The chunk kernel (:mod:`seatcast.engine.run.chunk`) allocates a districts
config district by district.  Before it does, it calls
:func:`settle_together` once per draw, rule row and run of grid points: a
divisor method over several districts, with no remainder pool and no seats
held before, that gives every list its first seat by its votes (not
Huntington-Hill or Adams), settles the districts together
(:mod:`seatcast.engine.kernels.divisor_districts`); the kernel then takes
the seats of the districts settled and allocates only the others one at a
time.  Both routes give the same seats.  Callable from numba only.
"""

from numba.extending import overload

from seatcast.engine.kernels import allocation as kernels
from seatcast.engine.kernels.divisor_districts import gather_districts, settle_districts
from seatcast.engine.kernels.options import BORROWED


def settle_together(prototype, table, k, rules, votes, eligible, width, dense):
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

    Returns
    -------
    int
        The number of lists gathered (``dense.lists[:n]``), or -1 where the
        rule is not settled together: every district is then to be
        allocated on its own.
    """
    raise TypeError("settle_together is for numba kernels")


# Not inlined: compiled once per run shape as its own function, so that the
# block loop that calls it compiles in about the same time as without it.
@overload(settle_together, jit_options=BORROWED)
def _settle_together_for(prototype, table, k, rules, votes, eligible, width, dense):
    if prototype.instance_class is kernels.QuotaRule:

        def one_by_one(prototype, table, k, rules, votes, eligible, width, dense):
            return -1

        return one_by_one

    def together(prototype, table, k, rules, votes, eligible, width, dense):
        if (
            rules.magnitudes.shape[0] < 2
            or rules.district_start.shape[0] > 0
            or not table.first[k] > 0.0
            or table.geometric[k]
        ):
            return -1
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
        return n_lists

    return together
