"""Rules compiled into the plain numbers and arrays that the numba kernels read."""

from dataclasses import dataclass

import numpy as np

from seatcast.engine import kernels


@dataclass(frozen=True)
class CompiledRules:
    """An :class:`~seatcast.engine.system.ElectionSystem` for one list of parties.

    Parameters
    ----------
    n_seats : int
    family : int
        ``kernels.DIVISOR`` or ``kernels.QUOTA``.
    slope, offset, first : float
        Divisors ``d(0) = first``, ``d(k) = slope * k + offset``.
    geometric : bool
        Huntington-Hill divisors.
    quota_kind : int
        One of ``kernels.QUOTA_KINDS``.
    thresholds : ndarray of float64
        Each party's threshold as a fraction of the base.
    exempt : ndarray of bool
    strict : bool
    base_all : bool
    """

    n_seats: int
    family: int
    slope: float
    offset: float
    first: float
    geometric: bool
    quota_kind: int
    thresholds: np.ndarray
    exempt: np.ndarray
    strict: bool
    base_all: bool


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
    common = {
        "n_seats": system.n_seats,
        "thresholds": thresholds,
        "exempt": exempt,
        "strict": threshold.strict,
        "base_all": threshold.base == "all",
    }
    if method.family == "quota":
        return CompiledRules(
            family=kernels.QUOTA,
            slope=0.0,
            offset=0.0,
            first=0.0,
            geometric=False,
            quota_kind=kernels.QUOTA_KINDS[method.name],
            **common,
        )
    # Scaling every divisor by the first divisor's denominator (1.4 -> 7, 15,
    # 25, ...) keeps the order of priorities and makes every divisor a whole
    # number, so equal exact priorities stay equal in binary.
    scale = method.divisor(0).denominator
    return CompiledRules(
        family=kernels.DIVISOR,
        slope=float(method.slope * scale),
        offset=float(method.offset * scale),
        first=0.0 if method.seats_first else float(method.divisor(0) * scale),
        geometric=method.geometric,
        quota_kind=-1,
        **common,
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
    kernels.mark_eligible(
        votes, other_votes, rules.thresholds, rules.exempt, rules.strict, rules.base_all, eligible
    )
    if rules.family == kernels.QUOTA:
        scratch = np.empty(votes.shape[0], dtype=np.float64)
        status = kernels.allocate_quota(
            votes, eligible, rules.n_seats, rules.quota_kind, scratch, seats
        )
    else:
        status = kernels.allocate_divisor(
            votes,
            eligible,
            rules.n_seats,
            rules.slope,
            rules.offset,
            rules.first,
            rules.geometric,
            seats,
        )
    return seats, eligible, status
