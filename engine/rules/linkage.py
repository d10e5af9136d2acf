"""How a chamber's two tiers add up: the list allocation and the seats won in constituencies.

The constituency tier is given as the seats each name won there (the
chamber's ``held`` seats); the list tier is the allocation of the config's
rules.  A linkage rule says how the two make the chamber:

- ``parallel``: the tiers add up (Kazakhstan, Japan, Lithuania).
- ``mmp``: mixed-member proportional with overhang (New Zealand).  The
  rules allocate the whole house among the parties that pass; a party's
  list seats are that entitlement less its constituency seats, and a party
  that won more constituencies than its entitlement keeps them all: the
  house grows by the difference (overhang).  Seats won by names that take
  no part in the list allocation (independents, parties without a list,
  parties that did not pass) are kept, and the list allocation shares that
  many seats fewer.
- ``mmp-capped``: mixed-member proportional without overhang (Germany since
  2023).  A party's constituency winners are seated only as far as its
  entitlement covers them; only independents keep seats outside it.
- ``ams``: the additional member system (Scotland, Wales before 2026).  In
  each region of ``[districts]``, the region's list seats go by the method
  (D'Hondt) to the highest claims, a party's divisor starting at the
  constituency seats it won in the region (``held_by_district``) plus one.
- ``leveling``: adjustment seats (Norway; Sweden before 2018).  A party's
  adjustment seats are its entitlement less its constituency seats; a party
  with more constituency seats than its entitlement keeps them and is set
  aside, and the others share the rest of the house afresh, until nobody is
  set aside.
- ``leveling-returned``: adjustment seats as Sweden gives them since 2018.
  A party with more constituency seats than its entitlement returns the
  surplus (it goes to other parties in the constituency, which changes no
  national total); parties under the national threshold keep the
  constituency seats they won, and the others share that many fewer.

The rules that work inside the house allocate the list tier nationally, so
they go with one national list, not with ``[districts]``; ``ams`` needs them.  A new rule is one
entry of :data:`LINKAGES`.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.engine.rules.allocation import Allocation, allocate_seats

if TYPE_CHECKING:
    from seatcast.engine.rules.ballots import Ballots
    from seatcast.engine.rules.chamber import Chamber
    from seatcast.engine.rules.constituencies import Constituencies
    from seatcast.engine.rules.system import ElectionSystem


@dataclass(frozen=True)
class ChamberSeats:
    """The seats of a whole chamber, by tier.

    Parameters
    ----------
    names : tuple of str
        The parties, then names that hold constituency seats only.
    list_seats : tuple of int
        Seats from the list tier (0 for names not on the ballot).
    constituency_seats : tuple of int
        Constituency seats taken up.
    total : tuple of int
    size : int
        Seats in the chamber.
    overhang : int
        Seats the chamber has beyond its regular size.
    allocation : Allocation
        The list allocation itself (under ``mmp``: the entitlements).
    unseated : tuple of int
        Constituencies won but not taken up (``mmp-capped``: beyond the
        party's entitlement).
    """

    names: tuple[str, ...]
    list_seats: tuple[int, ...]
    constituency_seats: tuple[int, ...]
    total: tuple[int, ...]
    size: int
    overhang: int
    allocation: "Allocation"
    unseated: tuple[int, ...]


@dataclass(frozen=True)
class Linkage:
    """One rule that links the tiers.

    Parameters
    ----------
    name : str
    description : str
        A phrase for reports: ``"the tiers add up"``.
    inside_house : bool
        Whether constituency seats are part of the seats the rules allocate
        (``mmp``) rather than added to them (``parallel``).
    link : callable
        ``link(system, ballots, chamber)``: the :class:`ChamberSeats`.
    by_district : bool
        Whether it compensates district by district, with the constituency
        seats of ``held_by_district`` (``ams``).
    """

    name: str
    description: str
    inside_house: bool
    link: Callable[["ElectionSystem", "Ballots", "Chamber"], ChamberSeats]
    by_district: bool = False


def allocate_chamber(
    system: "ElectionSystem",
    ballots: "Ballots",
    chamber: "Chamber",
    constituencies: "Constituencies | None" = None,
) -> ChamberSeats:
    """Allocate the list tier of official counts and link it with the constituency seats.

    Parameters
    ----------
    system : ElectionSystem
        The list tier's rules; under a linkage inside the house its seats are
        the whole house.
    ballots : Ballots
    chamber : Chamber
        Its ``held`` seats are the constituency tier; its ``linkage`` the rule.
    constituencies : Constituencies, optional
        A constituency tier on its official counts: the seats its winners
        take join the held ones, for the chamber and for the threshold's
        alternative.

    Returns
    -------
    ChamberSeats
    """
    if constituencies is not None:
        system, chamber = with_winners(system, ballots, chamber, constituencies)
    linkage = get_linkage(chamber.linkage)
    if linkage.inside_house and system.districts is not None:
        raise ConfigError(
            f"chamber.linkage {linkage.name!r} goes with one national list, not with [districts]"
        )
    return linkage.link(system, ballots, chamber)


def with_winners(
    system: "ElectionSystem",
    ballots: "Ballots",
    chamber: "Chamber",
    constituencies: "Constituencies",
) -> tuple["ElectionSystem", "Chamber"]:
    """The rules and chamber with the constituency tier's official winners among the held seats.

    Parameters
    ----------
    system : ElectionSystem
    ballots : Ballots
    chamber : Chamber
    constituencies : Constituencies

    Returns
    -------
    system : ElectionSystem
        Its threshold's alternative counts the seats won (when it has one).
    chamber : Chamber
    """
    held = dict(chamber.held)
    for name, seats in constituencies.winners(system.tie_policy).items():
        held[name] = held.get(name, 0) + seats
    threshold = system.threshold
    if threshold.alternative:
        won = {name: seats for name, seats in held.items() if name in ballots.parties}
        system = replace(system, threshold=replace(threshold, elsewhere=won))
    return system, replace(chamber, held=held)


def get_linkage(name: str) -> Linkage:
    """The :class:`Linkage` called ``name``; a ConfigError naming the choices otherwise."""
    if name not in LINKAGES:
        raise ConfigError(
            f"chamber.linkage must be one of {', '.join(LINKAGES)}, got {name!r}"
            + did_you_mean(name, list(LINKAGES))
        )
    return LINKAGES[name]


def _parallel(system, ballots, chamber):
    allocation = system.allocate(ballots)
    allocated = allocation.seats_by_party()
    return _chamber_seats(ballots, chamber, allocation, lambda name, held: allocated.get(name, 0))


def _mmp(system, ballots, chamber):
    eligible = system.threshold.eligible(ballots)
    outside = _outside_seats(ballots, chamber, eligible)
    allocation = _entitlement(system, ballots, eligible, system.n_seats - outside)
    entitled = allocation.seats_by_party()
    return _chamber_seats(
        ballots, chamber, allocation, lambda name, held: max(entitled.get(name, 0) - held, 0)
    )


def _capped(system, ballots, chamber, *, parties_keep_outside):
    # A party's winners are seated up to its entitlement.  Independents (names
    # not on the list ballot) keep their seats outside the entitlements, and so
    # do parties that did not pass, where ``parties_keep_outside``.
    eligible = system.threshold.eligible(ballots)
    if parties_keep_outside:
        outside = _outside_seats(ballots, chamber, eligible)
    else:
        outside = sum(chamber.held[name] for name in chamber.held_only(ballots.parties))
    allocation = _entitlement(system, ballots, eligible, system.n_seats - outside)
    entitled = allocation.seats_by_party()
    passed = dict(zip(ballots.parties, eligible, strict=True))
    seated = {
        name: min(held, entitled[name])
        if passed.get(name, False) or (name in passed and not parties_keep_outside)
        else held
        for name, held in chamber.held.items()
    }
    return _chamber_seats(
        ballots,
        chamber,
        allocation,
        lambda name, held: entitled[name] - seated.get(name, 0) if passed.get(name) else 0,
        seated=seated,
    )


def _leveling(system, ballots, chamber):
    # A party with more constituency seats than its entitlement keeps them and
    # is set aside; the rest share what is left, until nobody is set aside.
    eligible = list(system.threshold.eligible(ballots))
    held = [chamber.held.get(party, 0) for party in ballots.parties]
    house = system.n_seats - _outside_seats(ballots, chamber, eligible)
    while True:
        allocation = _entitlement(system, ballots, eligible, house)
        over = [
            i
            for i, (entitled, won) in enumerate(zip(allocation.seats, held, strict=True))
            if eligible[i] and won > entitled
        ]
        if not over:
            break
        for i in over:
            eligible[i] = False
            house -= held[i]
    entitled = allocation.seats_by_party()
    return _chamber_seats(
        ballots, chamber, allocation, lambda name, won: max(entitled.get(name, 0) - won, 0)
    )


def _ams(system, ballots, chamber):
    # Each district (region) compensates on its own: its list seats go by the
    # method to the highest claims, a party's claim counting the constituency
    # seats it won in the region first.
    allocation = system.allocate(ballots, held_by_district=chamber.held_by_district)
    listed_by_party = allocation.seats_by_party()
    return _chamber_seats(
        ballots, chamber, allocation, lambda name, held: listed_by_party.get(name, 0)
    )


def _outside_seats(ballots, chamber, eligible):
    """Constituency seats of names that take no part in the list allocation."""
    taking_part = {party for party, ok in zip(ballots.parties, eligible, strict=True) if ok}
    return sum(seats for name, seats in chamber.held.items() if name not in taking_part)


def _entitlement(system, ballots, eligible, n_seats):
    """The allocation of ``n_seats`` among the ``eligible`` parties, exactly."""
    if n_seats < 1:
        raise ConfigError(
            f"chamber.held leaves {n_seats} of the {system.n_seats} seats of the house "
            "to the list allocation"
        )
    seats, ties = allocate_seats(
        system.method,
        ballots.votes,
        n_seats,
        eligible=eligible,
        tie_policy=system.tie_policy,
        names=ballots.parties,
    )
    return Allocation(ballots.parties, tuple(seats), tuple(eligible), tuple(ties))


def _chamber_seats(ballots, chamber, allocation, list_seats, *, seated=None):
    """The :class:`ChamberSeats` of a list allocation and each name's list seats."""
    names = (*ballots.parties, *chamber.held_only(ballots.parties))
    won = tuple(chamber.held.get(name, 0) for name in names)
    taken = won if seated is None else tuple(seated.get(name, 0) for name in names)
    listed = tuple(list_seats(name, held) for name, held in zip(names, won, strict=True))
    total = tuple(a + b for a, b in zip(listed, taken, strict=True))
    return ChamberSeats(
        names=names,
        list_seats=listed,
        constituency_seats=taken,
        total=total,
        size=sum(total),
        overhang=max(sum(total) - chamber.seats, 0),
        allocation=allocation,
        unseated=tuple(a - b for a, b in zip(won, taken, strict=True)),
    )


#: Every linkage rule, by name.
LINKAGES = {
    "parallel": Linkage("parallel", "the tiers add up", False, _parallel),
    "mmp": Linkage("mmp", "mixed-member proportional, with overhang", True, _mmp),
    "mmp-capped": Linkage(
        "mmp-capped",
        "mixed-member proportional, constituencies seated up to the entitlement",
        True,
        partial(_capped, parties_keep_outside=False),
    ),
    "ams": Linkage(
        "ams",
        "additional members: each region's list seats compensate its constituency seats",
        False,
        _ams,
        by_district=True,
    ),
    "leveling": Linkage(
        "leveling",
        "adjustment seats level the constituency seats; a party over its share is set aside",
        True,
        _leveling,
    ),
    "leveling-returned": Linkage(
        "leveling-returned",
        "adjustment seats level the constituency seats; surplus constituency seats are returned",
        True,
        partial(_capped, parties_keep_outside=True),
    ),
}

#: The linkage of a config that names none.
DEFAULT_LINKAGE = "parallel"
