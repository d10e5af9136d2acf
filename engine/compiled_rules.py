"""Rules compiled into the plain numbers and arrays that the numba kernels read."""

from typing import NamedTuple

import numpy as np
from numba import njit

from seatcast.engine import kernels


class CompiledRules(NamedTuple):
    """An :class:`~seatcast.engine.system.ElectionSystem` for one list of parties.

    A named tuple of plain numbers and arrays, so that numba kernels take it
    as one argument.

    Parameters
    ----------
    method : QuotaRule or DivisorRule
        The allocation method with the seat count.
    thresholds : ndarray of float64
        Each party's threshold as a fraction of the base.
    exempt : ndarray of bool
    strict : bool
    base_all : bool
    vote_total : float
        Ballots a draw's weights are scaled to before allocation, or 0 to use
        them as they are.  Every rule is scale-free except Droop's quota,
        whose ``+ 1`` is one vote: it is given the official number of ballots.
    """

    method: kernels.QuotaRule | kernels.DivisorRule
    thresholds: np.ndarray
    exempt: np.ndarray
    strict: bool
    base_all: bool
    vote_total: float = 0.0

    @property
    def n_seats(self):
        """Seats to allocate."""
        return self.method.n_seats


def compile_rules(system, ballots):
    """Compile ``system`` for the parties (and list types) of ``ballots``.

    Parameters
    ----------
    system : ElectionSystem
    ballots : Ballots
        Supplies party names and list types; its counts are not used.

    Returns
    -------
    CompiledRules
    """
    threshold, method = system.threshold, system.method
    threshold.check_parties(ballots)
    thresholds = np.array(
        [
            float(threshold.required(party, list_type))
            for party, list_type in zip(ballots.parties, ballots.list_types, strict=True)
        ],
        dtype=np.float64,
    )
    exempt = np.array([party in threshold.exempt for party in ballots.parties], dtype=np.bool_)
    return CompiledRules(
        method=_compile_method(method, int(system.n_seats)),
        thresholds=thresholds,
        exempt=exempt,
        strict=bool(threshold.strict),
        base_all=threshold.base == "all",
        vote_total=float(ballots.all_total) if method.name == "droop" else 0.0,
    )


def _compile_method(method, n_seats):
    if method.family == "quota":
        return kernels.QuotaRule(n_seats=n_seats, kind=kernels.QUOTA_KINDS[method.name])
    # Scaling every divisor by the first divisor's denominator (1.4 -> 7, 15,
    # 25, ...) keeps the order of priorities and makes every divisor a whole
    # number, so equal exact priorities stay equal in binary.
    scale = method.divisor(0).denominator
    return kernels.DivisorRule(
        n_seats=n_seats,
        slope=float(method.slope * scale),
        offset=float(method.offset * scale),
        first=0.0 if method.seats_first else float(method.divisor(0) * scale),
        geometric=bool(method.geometric),
    )


def allocate_draw(rules, votes, other_votes=0.0):
    """Run the kernels on one vote vector; for tests and small scripts.

    Parameters
    ----------
    rules : CompiledRules
    votes : array_like of float
    other_votes : float

    Returns
    -------
    seats : ndarray of int64
    eligible : ndarray of bool
    status : int
        ``kernels.OK`` or the kernel's failure code.
    """
    votes = np.ascontiguousarray(votes, dtype=np.float64)
    eligible = np.empty(votes.shape[0], dtype=np.bool_)
    seats = np.empty(votes.shape[0], dtype=np.int64)
    scratch = np.empty(votes.shape[0], dtype=np.float64)
    status = _allocate_one(rules, votes, float(other_votes), eligible, scratch, seats)
    return seats, eligible, status


@njit(nogil=True, cache=True)
def _allocate_one(rules, votes, other_votes, eligible, scratch, seats):
    method, thresholds, exempt, strict, base_all, _ = rules
    return kernels.allocate_votes(
        method, thresholds, exempt, strict, base_all, votes, other_votes, eligible, scratch, seats
    )
