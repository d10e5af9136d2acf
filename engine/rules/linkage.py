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

A new rule is one entry of :data:`LINKAGES`.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean

if TYPE_CHECKING:
    from seatcast.engine.rules.allocation import Allocation
    from seatcast.engine.rules.ballots import Ballots
    from seatcast.engine.rules.chamber import Chamber
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
    total : tuple of int
    size : int
        Seats in the chamber.
    overhang : int
        Seats the chamber has beyond its regular size.
    allocation : Allocation
        The list allocation itself (under ``mmp``: the entitlements).
    """

    names: tuple[str, ...]
    list_seats: tuple[int, ...]
    constituency_seats: tuple[int, ...]
    total: tuple[int, ...]
    size: int
    overhang: int
    allocation: "Allocation"


@dataclass(frozen=True)
class Linkage:
    """One rule that links the tiers.

    Parameters
    ----------
    name : str
    description : str
        A phrase for reports: ``"tiers add up"``.
    inside_house : bool
        Whether constituency seats are part of the seats the rules allocate
        (``mmp``) rather than added to them (``parallel``).
    list_seats : callable
        ``list_seats(allocated, held)``: a party's list seats from its
        allocation and its constituency seats.
    """

    name: str
    description: str
    inside_house: bool
    list_seats: Callable[[int, int], int]


#: Every linkage rule, by name.
LINKAGES = {
    "parallel": Linkage("parallel", "the tiers add up", False, lambda allocated, held: allocated),
    "mmp": Linkage(
        "mmp",
        "mixed-member proportional, with overhang",
        True,
        lambda allocated, held: max(allocated - held, 0),
    ),
}

#: The linkage of a config that names none.
DEFAULT_LINKAGE = "parallel"


def get_linkage(name: str) -> Linkage:
    """The :class:`Linkage` called ``name``; a ConfigError naming the choices otherwise."""
    if name not in LINKAGES:
        raise ConfigError(
            f"chamber.linkage must be one of {', '.join(LINKAGES)}, got {name!r}"
            + did_you_mean(name, list(LINKAGES))
        )
    return LINKAGES[name]


def allocate_chamber(
    system: "ElectionSystem", ballots: "Ballots", chamber: "Chamber"
) -> ChamberSeats:
    """Allocate the list tier of official counts and link it with the constituency seats.

    Parameters
    ----------
    system : ElectionSystem
        The list tier's rules; under ``mmp`` its seats are the whole house.
    ballots : Ballots
    chamber : Chamber
        Its ``held`` seats are the constituency tier; its ``linkage`` the rule.

    Returns
    -------
    ChamberSeats
    """
    linkage = get_linkage(chamber.linkage)
    parties = ballots.parties
    eligible = dict(zip(parties, system.threshold.eligible(ballots), strict=True))
    kept = sum(seats for name, seats in chamber.held.items() if not eligible.get(name, False))
    if linkage.inside_house:
        if kept >= system.n_seats:
            raise ConfigError(
                f"chamber.held gives {kept} seats to names outside the list allocation, "
                f"as many as the {system.n_seats} seats of the house"
            )
        system = replace(system, n_seats=system.n_seats - kept)
    allocation = system.allocate(ballots)
    names = (*parties, *chamber.held_only(parties))
    allocated = dict(zip(parties, allocation.seats, strict=True))
    held = tuple(chamber.held.get(name, 0) for name in names)
    list_seats = tuple(
        linkage.list_seats(allocated.get(name, 0), seats)
        for name, seats in zip(names, held, strict=True)
    )
    total = tuple(a + b for a, b in zip(list_seats, held, strict=True))
    regular = chamber.seats
    return ChamberSeats(
        names=names,
        list_seats=list_seats,
        constituency_seats=held,
        total=total,
        size=sum(total),
        overhang=max(sum(total) - regular, 0),
        allocation=allocation,
    )
