"""Rules compiled into the plain numbers and arrays that the numba kernels read.

A run compiles into a method table, one row per (method, seats)
combination of its sweep (one row without a sweep), and an ascending grid of
thresholds (one point without a threshold sweep).  The chunk kernel
evaluates every row at every grid point on every draw.  With districts, a
row allocates each district's magnitude on that district's votes among the
parties that cleared the national threshold (judged on the sums) and the
district's own.
"""

from collections.abc import Mapping
from itertools import product
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numba import literal_unroll, njit
from numpy.typing import ArrayLike

from seatcast.engine.config.sweep import NO_SWEEP, Sweep
from seatcast.engine.errors import ConfigError
from seatcast.engine.kernels import allocation as kernels
from seatcast.engine.kernels.codes import NO_ELIGIBLE_PARTY, OK
from seatcast.engine.rules.system import check_pooled_method

if TYPE_CHECKING:
    from seatcast.engine.rules.ballots import Ballots
    from seatcast.engine.rules.system import ElectionSystem


class MethodTable(NamedTuple):
    """The rows of a run's method table of one family, as arrays.

    Parameters
    ----------
    prototype : QuotaRule or DivisorRule
        Its type tells the kernels the family at compile time; its values
        are not used.
    row : ndarray of int64
        Each entry's row in the run's method table (methods, then seats).
    n_seats : ndarray of int64
    kind : ndarray of int64
        Quota kind (:mod:`seatcast.engine.kernels.codes`) of a quota method.
    slope, offset, first : ndarray of float64
        Divisors ``d(0) = first``, ``d(k) = slope k + offset`` of a divisor
        method; ``first == 0`` means every eligible party gets a seat first.
    geometric : ndarray of bool
        Huntington-Hill divisors.
    rescale : ndarray of bool
        Whether the row allocates the draw scaled to the ballots of
        :attr:`CompiledRules.vote_totals` (Droop's quota) rather than as drawn.
    """

    prototype: kernels.QuotaRule | kernels.DivisorRule
    row: np.ndarray
    n_seats: np.ndarray
    kind: np.ndarray
    slope: np.ndarray
    offset: np.ndarray
    first: np.ndarray
    geometric: np.ndarray
    rescale: np.ndarray


_PROTOTYPES = {
    "quota": kernels.QuotaRule(0, 0),
    "divisor": kernels.DivisorRule(0, 1.0, 1.0, 1.0, False),
}
_COLUMNS = (np.int64, np.int64, np.int64, np.float64, np.float64, np.float64, np.bool_, np.bool_)


class CompiledRules(NamedTuple):
    """An :class:`~seatcast.engine.rules.system.ElectionSystem`, swept or not, for some parties.

    A named tuple of plain numbers and arrays, so that numba kernels take it
    as one argument.  Its method table has one row per (method, seats)
    combination, in one :class:`MethodTable` per family present, so that a
    kernel's loop over each holds only that family's code.

    Parameters
    ----------
    tables : tuple of MethodTable
        Quota rows first, then divisor rows; a family without rows is left out.
    grid : ndarray of float64
        Ascending thresholds of the parties that face the general threshold.
    thresholds : ndarray of float64
        Each party's own threshold (per list type or party), where not swept.
    swept : ndarray of bool
        Parties that face the general threshold, and so the grid.
    exempt : ndarray of bool
        Parties that pass the national threshold whatever their share
        (exempt, or by the alternative of seats won elsewhere).
    strict : bool
    base_all : bool
    vote_totals : ndarray of float64, (districts,)
        Ballots of each district that the rows that rescale are given, or
        zeros when none does.  Every rule is scale-free except Droop's quota,
        whose ``+ 1`` is one vote: it is given the official number of ballots.
    magnitudes : ndarray of int64, (districts,)
        Seats of each district; one district (a national list) takes the
        row's seats instead.
    district_bar : float
        Share of a district's base a party needs there (0: none).
    district_exempt : ndarray of bool
        Parties exempt from the district threshold.
    pool_kind : int
        The quota kind of a national remainder pool: the districts then give
        whole quotas only (:mod:`seatcast.engine.kernels.remainder_pool`);
        -1 for none.
    district_start : ndarray of int64, (districts, parties) or (0, 0)
        Seats each party holds in each district before the allocation (the
        additional member system's constituency seats): a divisor method's
        claims start there, and the allocation gives the seats it adds.
        Empty when none are held.
    """

    tables: tuple[MethodTable, ...]
    grid: np.ndarray
    thresholds: np.ndarray
    swept: np.ndarray
    exempt: np.ndarray
    strict: bool
    base_all: bool
    vote_totals: np.ndarray
    magnitudes: np.ndarray
    district_bar: float
    district_exempt: np.ndarray
    pool_kind: int = -1
    district_start: np.ndarray = np.zeros((0, 0), dtype=np.int64)

    @property
    def n_rows(self) -> int:
        """Rows of the method table."""
        return sum(len(table.row) for table in self.tables)

    @property
    def n_seats(self) -> int:
        """Most seats any row allocates."""
        return int(max(table.n_seats.max() for table in self.tables))

    def without_scaling(self) -> "CompiledRules":
        """These rules for draws that are ballots already: no row rescales them."""
        tables = tuple(
            table._replace(rescale=np.zeros_like(table.rescale)) for table in self.tables
        )
        return self._replace(tables=tables, vote_totals=np.zeros_like(self.vote_totals))

    @property
    def n_districts(self) -> int:
        """Districts each row allocates (1: a national list)."""
        return len(self.magnitudes)


def compile_rules(
    system: "ElectionSystem",
    ballots: "Ballots",
    sweep: Sweep = NO_SWEEP,
    held_by_district: "Mapping[str, Mapping[str, int]] | None" = None,
) -> CompiledRules:
    """Compile ``system`` and a sweep of it for the parties (and list types) of ``ballots``.

    Parameters
    ----------
    system : ElectionSystem
    ballots : Ballots
        Supplies party names, list types and the number of ballots (for
        Droop's quota); its counts are not otherwise used.
    sweep : Sweep
        Thresholds, methods and seat counts to evaluate instead of the
        system's own; rows are methods, then seat counts.
    held_by_district : mapping of str to mapping of str to int, optional
        Seats held in each district before the allocation (the additional
        member system): the methods must be divisor methods.

    Returns
    -------
    CompiledRules
    """
    threshold = system.threshold
    threshold.check_parties(ballots)
    pairs = list(zip(ballots.parties, ballots.list_types, strict=True))
    swept = [
        party not in threshold.by_party and list_type not in threshold.by_type
        for party, list_type in pairs
    ]
    rows = {"quota": [], "divisor": []}
    if system.districts is not None and system.districts.pool is not None:
        for method in sweep.method_values(system):
            check_pooled_method(method)
    combinations = product(sweep.method_values(system), sweep.seat_values(system))
    for row, (method, n_seats) in enumerate(combinations):
        rows[method.family].append((row, n_seats, *method_fields(method)))
    tables = tuple(
        MethodTable(
            _PROTOTYPES[family],
            *(
                np.array(column, dtype=dtype)
                for column, dtype in zip(zip(*entries, strict=True), _COLUMNS, strict=True)
            ),
        )
        for family, entries in rows.items()
        if entries
    )
    rescaled = any(table.rescale.any() for table in tables)
    districts = system.districts
    if districts is None:
        totals, magnitudes, bar = [ballots.all_total], [system.n_seats], 0.0
    else:
        totals = [
            sum(v) + sum(o) for v, o in zip(districts.votes, districts.other_votes, strict=True)
        ]
        magnitudes, bar = districts.seats, float(districts.threshold)
    exempt = [party in threshold.exempt for party in ballots.parties]
    return CompiledRules(
        tables=tables,
        grid=np.array([float(t) for t in sweep.threshold_values(system)], dtype=np.float64),
        thresholds=np.array([float(threshold.required(*pair)) for pair in pairs], dtype=np.float64),
        swept=np.array(swept, dtype=np.bool_),
        exempt=np.array(
            [
                free or threshold.passes_elsewhere(party)
                for party, free in zip(ballots.parties, exempt, strict=True)
            ],
            dtype=np.bool_,
        ),
        strict=bool(threshold.strict),
        base_all=threshold.base == "all",
        vote_totals=np.array(totals if rescaled else [0] * len(totals), dtype=np.float64),
        magnitudes=np.array(magnitudes, dtype=np.int64),
        district_bar=bar,
        district_exempt=np.array(exempt, dtype=np.bool_),
        pool_kind=-1 if districts is None or districts.pool is None else districts.pool.kernel_kind,
        district_start=_district_start(districts, ballots, sweep, system, held_by_district or {}),
    )


def _district_start(districts, ballots, sweep, system, held_by_district):
    """Seats held by district and party before the allocation, or an empty array."""
    if not held_by_district:
        return np.zeros((0, 0), dtype=np.int64)
    for method in sweep.method_values(system):
        if method.family != "divisor" or method.seats_first:
            raise ConfigError(
                f"{method.name} cannot count the seats held in a district before "
                "(chamber.held_by_district needs a divisor method that gives no first seats)"
            )
    return np.array(
        [
            [held_by_district.get(name, {}).get(party, 0) for party in ballots.parties]
            for name in districts.names
        ],
        dtype=np.int64,
    )


def method_fields(method):
    """``kind, slope, offset, first, geometric, rescale`` of a method, as the kernels read them."""
    if method.family == "quota":
        return method.kernel_kind, 0.0, 0.0, 0.0, False, method.whole_quota
    # Scaling every divisor by the first divisor's denominator (1.4 -> 7, 15,
    # 25, ...) keeps the order of priorities and makes every divisor a whole
    # number, so equal exact priorities stay equal in binary.
    scale = method.divisor(0).denominator
    first = 0.0 if method.seats_first else float(method.divisor(0) * scale)
    slope, offset = float(method.slope * scale), float(method.offset * scale)
    return 0, slope, offset, first, method.geometric, False


def allocate_draw(
    rules: CompiledRules,
    votes: ArrayLike,
    other_votes: float = 0.0,
    *,
    row: int = 0,
    point: int = 0,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Run the kernels on one vote vector; for tests and small scripts.

    Parameters
    ----------
    rules : CompiledRules
    votes : array_like of float
    other_votes : float
    row : int
        Row of the method table.
    point : int
        Point of the threshold grid.

    Returns
    -------
    seats : ndarray of int64
    eligible : ndarray of bool
    status : int
        ``OK`` or the kernel's failure code.
    """
    votes = np.ascontiguousarray(votes, dtype=np.float64)
    eligible = np.empty(votes.shape[0], dtype=np.bool_)
    seats = np.empty(votes.shape[0], dtype=np.int64)
    status = _allocate_one(rules, votes, float(other_votes), row, point, eligible, seats)
    return seats, eligible, status


@njit(nogil=True, cache=True)
def _allocate_one(rules, votes, other_votes, row, point, eligible, seats):
    tables, grid, thresholds, swept, exempt, strict, base_all = rules[:7]
    n = votes.shape[0]
    passes = np.empty(n, dtype=np.int64)
    kernels.count_passes(
        votes, other_votes, grid, thresholds, swept, exempt, strict, base_all, passes
    )
    for i in range(n):
        eligible[i] = passes[i] > point
    scratch = np.empty(kernels.SCRATCH_PER_PARTY * n)
    status = NO_ELIGIBLE_PARTY
    for table in literal_unroll(tables):
        prototype, rows, n_seats, kind, slope, offset, first, geometric, _ = table
        for k in range(rows.shape[0]):
            if rows[k] == row:
                rule = kernels.rule_like(
                    prototype, n_seats[k], kind[k], slope[k], offset[k], first[k], geometric[k]
                )
                status = kernels.allocate(rule, votes, eligible, scratch, seats)
    if status != OK:
        seats[:] = 0
    return status
