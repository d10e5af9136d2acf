"""Vote counts as the rules read them: parties, their list types, and no-seat options.

Official results come as counts or as published percentages.  Percentages are
turned into exact integers in their smallest published unit (53.90 % of a
total becomes 5390 units of 0.01 %), so every method, Droop's ``+ 1``
included, works on whole numbers.  The caveat: published shares are rounded,
so a seat decided by fewer votes than the rounding hides can differ from the
official allocation of the counts.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from seatcast.engine.errors import ConfigError
from seatcast.engine.parsing import MAX_COUNT, to_count, to_fraction

#: Kinds of a vote row: a party, or an ``other`` option (blank, against all)
#: that counts in the threshold base but wins no seats.
VOTE_KINDS = ("party", "other")

#: List type of a party that declares none.
DEFAULT_LIST_TYPE = "party"

#: How far published percentages may sum from 100 (rounding of each figure).
PERCENT_SUM_TOLERANCE = Fraction(1, 2)

SHARES_CAVEAT = (
    "votes were given as published shares; shares are rounded, so a seat decided "
    "by fewer votes than the rounding hides may differ from the official count"
)


@dataclass(frozen=True)
class Ballots:
    """Votes for the parties (which can win seats) and for no-seat options.

    Parameters
    ----------
    parties : tuple of str
        Party names in input order.
    votes : tuple of int
        Votes per party, aligned with ``parties``.
    others : tuple of str
        Options that count in an ``all`` threshold base but win no seats
        ("against all", blank ballots).
    other_votes : tuple of int
        Votes per option in ``others``.
    list_types : tuple of str
        List type per party (``"party"``, ``"coalition"``, …) for per-type thresholds.
    from_shares : bool
        Whether the counts were derived from published percentages.
    """

    parties: tuple[str, ...]
    votes: tuple[int, ...]
    others: tuple[str, ...] = ()
    other_votes: tuple[int, ...] = ()
    list_types: tuple[str, ...] = ()
    from_shares: bool = False

    def __post_init__(self) -> None:
        if not self.list_types:
            object.__setattr__(self, "list_types", (DEFAULT_LIST_TYPE,) * len(self.parties))

    @property
    def party_total(self) -> int:
        """Votes of all parties."""
        return sum(self.votes)

    @property
    def all_total(self) -> int:
        """Votes of all parties and no-seat options: all valid ballots."""
        return self.party_total + sum(self.other_votes)


def _check_names(parties, others):
    if not parties:
        raise ConfigError("no parties given: list at least one party with its votes")
    seen = {}  # names compared without surrounding spaces, which print alike
    for name in (*parties, *others):
        if not name.strip():
            raise ConfigError("a party name is empty")
        if name.strip() in seen:
            spellings = "" if seen[name.strip()] == name else f" (as {seen[name.strip()]!r})"
            raise ConfigError(f"party {name!r} is listed twice{spellings}")
        seen[name.strip()] = name


def ballots_from_counts(
    votes: Mapping[str, int | str | Decimal],
    other_votes: Mapping[str, int | str | Decimal] | None = None,
    list_types: Mapping[str, str] | None = None,
    *,
    key: str = "votes",
    most: int | None = MAX_COUNT,
) -> Ballots:
    """Build :class:`Ballots` from vote counts.

    Parameters
    ----------
    votes : mapping of str to int, str or Decimal
        Party name to count, in list order.
    other_votes : mapping of str to int, str or Decimal, optional
        No-seat option to count.
    list_types : mapping of str to str, optional
        Party name to list type; parties not named are ``"party"``.
    key : str
        Where the counts came from, used in error messages.
    most : int or None
        The largest count taken (2**53 by default: the simulation holds
        votes as float64); ``None`` for any, as the exact engine can.

    Returns
    -------
    Ballots
    """
    other_votes = other_votes or {}
    _check_names(tuple(votes), tuple(other_votes))
    counts = tuple(to_count(v, key=f"{key}.{name}", most=most) for name, v in votes.items())
    others = tuple(
        to_count(v, key=f"other {key}.{name}", most=most) for name, v in other_votes.items()
    )
    return Ballots(
        parties=tuple(votes),
        votes=counts,
        others=tuple(other_votes),
        other_votes=others,
        list_types=_list_types(tuple(votes), list_types or {}),
    )


def ballots_from_shares(
    shares: Mapping[str, str | Decimal | int | Fraction],
    other_shares: Mapping[str, str | Decimal | int | Fraction] | None = None,
    list_types: Mapping[str, str] | None = None,
    *,
    key: str = "shares",
) -> Ballots:
    """Build :class:`Ballots` from published percentages.

    Parameters
    ----------
    shares : mapping of str to str, Decimal, int or Fraction
        Party name to percentage of all valid ballots (or of party votes when
        there are no other options), as decimal text, a Decimal or an exact number.
    other_shares : mapping of str to str, Decimal, int or Fraction, optional
        No-seat option to percentage.
    list_types : mapping of str to str, optional
        Party name to list type.
    key : str
        Where the shares came from, used in error messages.

    Returns
    -------
    Ballots
        Counts in units of the finest published decimal, ``from_shares=True``.
    """
    other_shares = other_shares or {}
    _check_names(tuple(shares), tuple(other_shares))
    exact = {}
    for prefix, table in ((key, shares), (f"other {key}", other_shares)):
        for name, value in table.items():
            share = to_fraction(value, key=f"{prefix}.{name}")
            if share < 0:
                raise ConfigError(f"{prefix}.{name} must not be negative, got {value}")
            exact[name] = share
    total = sum(exact.values())
    if abs(total - 100) > PERCENT_SUM_TOLERANCE:
        raise ConfigError(
            f"{key} must be percentages that sum to 100 (within rounding), "
            f"but they sum to {float(total):g}"
        )
    unit = math.lcm(*(share.denominator for share in exact.values()))
    units = {name: int(share * unit) for name, share in exact.items()}
    return Ballots(
        parties=tuple(shares),
        votes=tuple(units[name] for name in shares),
        others=tuple(other_shares),
        other_votes=tuple(units[name] for name in other_shares),
        list_types=_list_types(tuple(shares), list_types or {}),
        from_shares=True,
    )


def _list_types(parties, list_types):
    for name, list_type in list_types.items():
        if name not in parties:
            raise ConfigError(f"list_types names {name!r}, which is not among the parties")
        if not isinstance(list_type, str) or not list_type.strip():
            raise ConfigError(f"list_types.{name} must be a name such as 'coalition'")
    return tuple(list_types.get(name, DEFAULT_LIST_TYPE) for name in parties)
