"""A constituency tier and its linkage, compiled into the plain arrays the two-tier kernel reads.

Names are the list parties, then every other name that wins or holds
constituency seats (independents), in config order.  The candidates of all
constituencies lie in one flat run of slots, constituency after
constituency, each with its name, its official log votes and the list
component whose swing it carries.  A draw moves a candidate's log votes by
``swing`` times its party's national swing in the list draw (the log of its
drawn share over its official share) plus a normal of ``sd`` of its own.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.kernels import allocation as kernels
from seatcast.engine.kernels.codes import (
    LEVELING,
    LEVELING_RETURNED,
    MMP,
    MMP_CAPPED,
    PARALLEL,
)
from seatcast.engine.run.compiled_rules import method_fields

if TYPE_CHECKING:
    from seatcast.engine.rules.ballots import Ballots
    from seatcast.engine.rules.chamber import Chamber
    from seatcast.engine.rules.constituencies import Constituencies

#: The kernel code of each linkage rule the two-tier kernel applies.
LINKAGE_CODES = {
    "parallel": PARALLEL,
    "mmp": MMP,
    "mmp-capped": MMP_CAPPED,
    "leveling": LEVELING,
    "leveling-returned": LEVELING_RETURNED,
}


class CompiledTier(NamedTuple):
    """A simulated constituency tier, its linkage and the chamber, as arrays.

    Parameters
    ----------
    linkage : int
        A linkage code of :mod:`seatcast.engine.kernels.codes`.
    fixed : ndarray of int64, (names,)
        Seats held outside the simulation (``[chamber] held``).
    first_slot : ndarray of int64, (constituencies + 1,)
        Where each constituency's candidates begin among the slots (the last
        entry: the number of slots).
    name : ndarray of int64, (slots,)
        Name index of each candidate.
    log_votes : ndarray of float64, (slots,)
        Log of each candidate's official votes.
    component : ndarray of int64, (slots,)
        The list component whose swing the candidate carries; the number of
        components (a swing of 0) for none.
    magnitude : ndarray of int64, (constituencies,)
    log_centre : ndarray of float64, (components,)
        Log of each component's official share of all ballots.
    sd, swing : float
    plurality : bool
        One seat to the most votes; otherwise ``rule`` allocates ``magnitude``.
    rule : QuotaRule or DivisorRule
        The rule of constituencies of several seats (its seats are not read).
    kind, slope, offset, first, geometric
        The fields of that rule, as
        :func:`~seatcast.engine.kernels.allocation.rule_like` takes them.
    alternative : int
        Constituency seats with which a party passes the threshold (0: none).
    elsewhere : ndarray of int64, (names,)
        Seats the threshold's alternative counts besides the simulated ones:
        ``threshold.elsewhere`` (by default the held seats).
    majority, supermajority : ndarray of int64, (sizes,)
        Seats a majority and a supermajority need in a chamber of each size.
    """

    linkage: int
    fixed: np.ndarray
    first_slot: np.ndarray
    name: np.ndarray
    log_votes: np.ndarray
    component: np.ndarray
    magnitude: np.ndarray
    log_centre: np.ndarray
    sd: float
    swing: float
    plurality: bool
    rule: kernels.QuotaRule | kernels.DivisorRule
    kind: int
    slope: float
    offset: float
    first: float
    geometric: bool
    alternative: int
    elsewhere: np.ndarray
    majority: np.ndarray
    supermajority: np.ndarray

    @property
    def n_names(self) -> int:
        """Parties, then the names outside the list allocation."""
        return self.fixed.shape[0]

    @property
    def largest(self) -> int:
        """The largest chamber a draw can make: the size of the seat axis, less one."""
        return self.majority.shape[0] - 1


def tier_names(
    parties: "tuple[str, ...]", chamber: "Chamber", constituencies: "Constituencies | None"
) -> tuple[str, ...]:
    """The parties, then every other name that holds or can win constituency seats."""
    names = list(parties)
    candidates = () if constituencies is None else constituencies.candidates
    for name in (*chamber.held, *candidates):
        if name not in names:
            names.append(name)
    return tuple(names)


def compile_tier(
    ballots: "Ballots",
    chamber: "Chamber",
    constituencies: "Constituencies | None",
    *,
    n_seats: int,
    alternative: int,
    elsewhere: "Mapping[str, int] | None" = None,
) -> CompiledTier:
    """Compile a constituency tier and the chamber's linkage for the two-tier kernel.

    Parameters
    ----------
    ballots : Ballots
        The list tier's official counts: the centre of the swing.
    chamber : Chamber
    constituencies : Constituencies or None
        The simulated constituencies; None when the chamber's constituency
        seats are all held (a linkage of the list tier with fixed seats).
    n_seats : int
        Seats of the list rules (the house, under a linkage inside it).
    alternative : int
        The threshold's alternative in constituency seats (0: none).
    elsewhere : mapping of str to int, optional
        The threshold's seats won elsewhere (by default the held seats),
        which the alternative counts besides the simulated constituencies.

    Returns
    -------
    CompiledTier
    """
    if chamber.linkage not in LINKAGE_CODES:
        raise ConfigError(
            f"chamber.linkage {chamber.linkage!r} is applied by seatcast allocate only, so far; "
            f"seatcast run links the tiers by {', '.join(LINKAGE_CODES)}"
        )
    if constituencies is not None and constituencies.sd is None:
        raise ConfigError(
            "constituencies.sd is missing: how uncertain each candidate's votes are, "
            "on the log scale (such as 0.1)"
        )
    names = tier_names(ballots.parties, chamber, constituencies)
    index = {name: i for i, name in enumerate(names)}
    rows = () if constituencies is None else constituencies.standing
    # Most votes first: a plurality kernel then finds the leader before the rest.
    rows = tuple(sorted(row, key=lambda candidate: -candidate[1]) for row in rows)
    slots = [candidate for row in rows for candidate in row]
    counts = np.array([float(v) for v in (*ballots.votes, *ballots.other_votes)])
    with np.errstate(divide="ignore"):
        log_centre = np.log(counts / counts.sum())
    swings = {p: i for i, p in enumerate(ballots.parties) if counts[i] > 0}
    method = None if constituencies is None else constituencies.method
    row = method_fields(method) if method is not None else (0, 1.0, 1.0, 1.0, False)
    quota = method is not None and method.family == "quota"
    prototype = kernels.QuotaRule(0, 0) if quota else kernels.DivisorRule(0, 1.0, 1.0, 1.0, False)
    simulated = 0 if constituencies is None else constituencies.n_seats
    largest = n_seats + sum(chamber.held.values()) + simulated
    sizes = [chamber.resized(size - chamber.seats) for size in range(largest + 1)]
    return CompiledTier(
        linkage=LINKAGE_CODES[chamber.linkage],
        fixed=np.array([chamber.held.get(name, 0) for name in names], dtype=np.int64),
        first_slot=np.cumsum([0, *(len(row) for row in rows)], dtype=np.int64),
        name=np.array([index[name] for name, _ in slots], dtype=np.int64),
        log_votes=np.log(np.array([float(votes) for _, votes in slots])),
        component=np.array([swings.get(name, len(counts)) for name, _ in slots], dtype=np.int64),
        magnitude=np.array([] if constituencies is None else constituencies.seats, dtype=np.int64),
        log_centre=log_centre,
        sd=0.0 if constituencies is None else float(constituencies.sd),
        swing=0.0 if constituencies is None else float(constituencies.swing),
        plurality=method is None,
        rule=prototype,
        kind=int(row[0]),
        slope=float(row[1]),
        offset=float(row[2]),
        first=float(row[3]),
        geometric=bool(row[4]),
        alternative=alternative,
        elsewhere=np.array([(elsewhere or {}).get(name, 0) for name in names], dtype=np.int64),
        majority=np.array([max(c.majority, 1) for c in sizes], dtype=np.int64),
        supermajority=np.array([max(c.supermajority, 1) for c in sizes], dtype=np.int64),
    )
