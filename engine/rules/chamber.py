"""The chamber a result is judged against: its size, its majorities, seats won elsewhere.

By default the chamber is the seats being allocated, a majority is more than
half of them and a supermajority two thirds (rounded up).  A mixed system
elects some seats elsewhere (Kazakhstan: 29 single-mandate districts next to
69 list seats): ``held`` gives them, by party, as a second tier of fixed
seats.  Names that are not on the ballot (independents) may hold seats too.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.engine.parsing import as_written, to_fraction
from seatcast.engine.rules.linkage import DEFAULT_LINKAGE, get_linkage

#: Names of the allocated tier and of the tier of held seats, unless the config names them.
DEFAULT_TIER = "allocated"
DEFAULT_HELD_TIER = "held"

#: Share of the chamber a supermajority needs, unless the config says otherwise.
DEFAULT_SUPERMAJORITY = Fraction(2, 3)


@dataclass(frozen=True)
class Chamber:
    """Chamber size, majority and seats held outside the allocation.

    Parameters
    ----------
    seats : int
        Seats in the whole chamber.
    majority : int
        Seats a party or coalition needs.
    held : dict of str to int
        Name to seats won outside this allocation.
    supermajority : int
        Seats a supermajority needs.
    tier, held_tier : str
        Names of the allocated tier and of the tier of held seats.
    linkage : str
        How the tiers make the chamber, a key of
        :data:`~seatcast.engine.rules.linkage.LINKAGES`: under ``parallel``
        the held seats add to the allocated ones; under ``mmp`` they are
        part of them, and ``seats`` is the house before any overhang.
    held_by_district : dict of str to dict of str to int
        The held seats district by district, where the linkage compensates
        in each district (``ams``); ``held`` is then their sum.
    """

    seats: int
    majority: int
    held: dict[str, int] = field(default_factory=dict)
    supermajority: int = 0
    tier: str = DEFAULT_TIER
    held_tier: str = DEFAULT_HELD_TIER
    linkage: str = DEFAULT_LINKAGE
    held_by_district: dict[str, dict[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.supermajority:
            object.__setattr__(self, "supermajority", _share_of(DEFAULT_SUPERMAJORITY, self.seats))

    def need(self, parties: Iterable[str], *, target: int | None = None) -> int:
        """Seats from the allocation that ``parties`` together need for ``target``.

        ``target`` is the majority by default (the supermajority: pass
        ``chamber.supermajority``).
        """
        target = self.majority if target is None else target
        return target - sum(self.held.get(party, 0) for party in parties)

    def held_only(self, parties: Sequence[str]) -> tuple[str, ...]:
        """Names that hold seats but are not among ``parties``, in config order."""
        return tuple(name for name in self.held if name not in parties)

    def resized(self, extra: int) -> "Chamber":
        """This chamber with ``extra`` more seats allocated (fewer if negative).

        Seats held elsewhere stay.  A majority of more than half stays more
        than half, and a supermajority of two thirds stays two thirds; any
        other keeps its share of the chamber, rounded up.

        Parameters
        ----------
        extra : int

        Returns
        -------
        Chamber
        """
        seats = self.seats + extra
        if self.majority == self.seats // 2 + 1:
            majority = seats // 2 + 1
        else:
            majority = -(-self.majority * seats // self.seats)
        if self.supermajority == _share_of(DEFAULT_SUPERMAJORITY, self.seats):
            supermajority = _share_of(DEFAULT_SUPERMAJORITY, seats)
        else:
            supermajority = -(-self.supermajority * seats // self.seats)
        return replace(self, seats=seats, majority=majority, supermajority=supermajority)


def build_chamber(
    n_seats: int,
    parties: Sequence[str],
    *,
    seats: int | None = None,
    majority: int | None = None,
    supermajority: int | str | None = None,
    held: Mapping[str, int] | None = None,
    tier: str = DEFAULT_TIER,
    held_tier: str = DEFAULT_HELD_TIER,
    linkage: str = DEFAULT_LINKAGE,
    held_by_district: Mapping[str, Mapping[str, int]] | None = None,
    districts: Sequence[str] = (),
    constituency_seats: int = 0,
) -> Chamber:
    """Validate a chamber for an allocation of ``n_seats`` among ``parties``.

    Parameters
    ----------
    n_seats : int
        Seats being allocated.
    parties : sequence of str
    seats : int, optional
        Chamber size; ``n_seats`` plus the held seats by default.
    majority : int, optional
        Seats needed; more than half the chamber by default.
    supermajority : int or str, optional
        Seats a supermajority needs, or its share of the chamber as text
        (``"2/3"``, rounded up); two thirds by default.
    held : mapping of str to int, optional
        Name to seats held outside the allocation; names not among
        ``parties`` (independents) hold seats but win none in the allocation.
    tier, held_tier : str
        Names of the allocated tier and of the tier of held seats.
    linkage : str
        A key of :data:`~seatcast.engine.rules.linkage.LINKAGES`.
    held_by_district : mapping of str to mapping of str to int, optional
        District to name to seats held there, instead of ``held`` (which
        becomes their sum), for a linkage that compensates by district.
    districts : sequence of str
        The config's district names, which ``held_by_district`` must use.
    constituency_seats : int
        Seats of a simulated constituency tier (``[constituencies]``), which
        the chamber holds besides ``n_seats`` and ``held`` (within the house,
        under a linkage inside it).

    Returns
    -------
    Chamber
    """
    by_district = _held_by_district(held_by_district or {}, districts, parties)
    if by_district and held:
        raise ConfigError("give chamber.held or chamber.held_by_district, not both")
    if by_district:
        held = {}
        for seats_there in by_district.values():
            for name, count in seats_there.items():
                held[name] = held.get(name, 0) + count
    held = dict(held or {})
    for party, count in held.items():
        if not party.strip():
            raise ConfigError("chamber.held has an empty name")
        hint = did_you_mean(party, parties, cutoff=0.75)
        if party not in parties and hint:
            raise ConfigError(
                f"chamber.held names {party!r}, which is not among the parties{hint} "
                "(seats of names not on the ballot, such as independents, may be held too)"
            )
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ConfigError(
                f"chamber.held.{party} must be a whole number >= 0, got {as_written(count)}"
            )
    rule = get_linkage(linkage)
    if rule.by_district and not districts:
        raise ConfigError(
            f"chamber.linkage {linkage!r} compensates region by region: it needs [districts] "
            "(the regions' list votes and list seats)"
        )
    if rule.by_district and held and not by_district:
        raise ConfigError(
            f"chamber.linkage {linkage!r} needs the constituency seats region by region: "
            "give chamber.held_by_district = { region = { party = seats } } instead of held"
        )
    inside = rule.inside_house
    outside = sum(held.values()) + constituency_seats
    least = n_seats if inside else n_seats + outside
    seats = least if seats is None else seats
    if inside and seats != n_seats:
        raise ConfigError(
            f"chamber.seats is {seats}, but under linkage {linkage!r} the house is the "
            f"{n_seats} seats of rules.seats (overhang adds to it)"
        )
    if inside and outside > n_seats:
        source = (
            "chamber.held and [constituencies] give" if constituency_seats else "chamber.held gives"
        )
        raise ConfigError(
            f"{source} {outside} constituency seats, more than the {n_seats} seats of the house"
        )
    if seats < least:
        raise ConfigError(
            f"chamber.seats is {seats}, fewer than the {n_seats} allocated"
            + (f" plus {sum(held.values())} held" if held else "")
            + (f" plus {constituency_seats} in [constituencies]" if constituency_seats else "")
        )
    majority = seats // 2 + 1 if majority is None else majority
    if not 1 <= majority <= seats:
        raise ConfigError(f"chamber.majority must be between 1 and {seats}, got {majority}")
    if isinstance(supermajority, str):
        share = _read_share(supermajority)
        if share is None or not 0 < share <= 1:
            raise ConfigError(
                f"chamber.supermajority must be a share in (0, 1] or a number of seats, "
                f"got {supermajority!r}"
            )
        supermajority = _share_of(share, seats)
    supermajority = (
        _share_of(DEFAULT_SUPERMAJORITY, seats) if supermajority is None else supermajority
    )
    if not 1 <= supermajority <= seats:
        raise ConfigError(
            f"chamber.supermajority must be between 1 and {seats} seats, got {supermajority}"
        )
    if tier == held_tier:
        raise ConfigError(f"chamber.tier and chamber.held_tier are both {tier!r}")
    return Chamber(seats, majority, held, supermajority, tier, held_tier, linkage, by_district)


def _held_by_district(tables, districts, parties):
    """``held_by_district`` checked: known districts, whole numbers of seats."""
    checked = {}
    for district, table in tables.items():
        label = f"chamber.held_by_district.{district}"
        if district not in districts:
            raise ConfigError(
                f"{label}: {district!r} is not a district of the config"
                + did_you_mean(district, districts)
            )
        if not isinstance(table, Mapping):
            raise ConfigError(f"{label} must be a table of name = seats")
        for name, count in table.items():
            if not isinstance(count, int) or isinstance(count, bool) or count < 0:
                raise ConfigError(
                    f"{label}.{name} must be a whole number >= 0, got {as_written(count)}"
                )
            hint = did_you_mean(name, parties, cutoff=0.75)
            if name not in parties and hint:
                raise ConfigError(f"{label} names {name!r}, which is not among the parties{hint}")
        checked[district] = dict(table)
    return checked


def _read_share(text):
    """``"2/3"``, ``"0.6"`` or ``"60%"`` as a Fraction, or None if it is none of them."""
    try:
        if "/" in text:
            return Fraction(text.replace(" ", ""))
        return to_fraction(text, key="chamber.supermajority")
    except (ValueError, ZeroDivisionError, ConfigError):
        return None


def _share_of(share, seats):
    """Seats that make at least ``share`` of ``seats``: rounded up."""
    return -(-share.numerator * seats // share.denominator)


def check_coalitions(
    coalitions: Mapping[str, list[str]], parties: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """Validate ``{name: [party, ...]}``; returns ``{name: tuple of parties}``."""
    checked = {}
    for name, members in coalitions.items():
        label = f"coalitions.{name}"
        if not isinstance(members, list) or not members:
            raise ConfigError(f"{label} must be a list of party names")
        for party in members:
            if party not in parties:
                raise ConfigError(f"{label} names {party!r}, which is not among the parties")
        if len(set(members)) != len(members):
            raise ConfigError(f"{label} names a party twice")
        checked[name] = tuple(members)
    return checked
