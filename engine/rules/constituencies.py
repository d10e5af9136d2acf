"""A constituency tier: seats won candidate by candidate, on the constituencies' own ballots.

Mixed systems elect part of the chamber in constituencies (Kazakhstan: 29
single-mandate districts; New Zealand: 72 electorates; Germany: 299
Wahlkreise) next to the list tier.  The tier's votes (first votes) come from
a long CSV file, one row per constituency and candidate::

    constituency,party,votes[,seats]
    Epsom,ACT New Zealand,19500
    Epsom,Labour Party,10276
    Epsom,Independent,24

``party`` names the list party the candidate stands for, or any other name
(``Independent``, ``Self-nominated``): such names win constituency seats but
take no part in the list allocation, and may stand several times in one
constituency (a list party stands once).  ``seats`` (optional) is the
constituency's magnitude; the section's ``seats`` otherwise (1).  The rule is
``plurality`` (one seat to the most votes) or any seatcast method for
constituencies of several seats.

``[constituencies]`` keys: ``file``, ``rule``, ``seats``, ``tier`` (its name
in outputs), and for simulation ``sd`` (noise on each candidate's log votes)
and ``swing`` (the share of the list tier's national swing each candidate
carries: 1 by default, so that a party's good night shows in both tiers).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from seatcast.engine.errors import AllocationError, ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.engine.input_files import read_csv_rows
from seatcast.engine.parsing import to_count, to_fraction
from seatcast.engine.rules.allocation import allocate_seats
from seatcast.engine.rules.districts import record_magnitude
from seatcast.engine.rules.methods import DivisorMethod, QuotaMethod, get_method
from seatcast.engine.rules.ties import TiePolicy

if TYPE_CHECKING:
    from seatcast.engine.rules.chamber import Chamber

#: The keys of a ``[constituencies]`` table.
CONSTITUENCY_KEYS = ("file", "rule", "seats", "tier", "sd", "swing")

#: The rule of a constituency tier that names none: one seat to the most votes.
PLURALITY = "plurality"

#: The name of the constituency tier in outputs, unless the config names it.
DEFAULT_CONSTITUENCY_TIER = "constituency"


@dataclass(frozen=True)
class Constituencies:
    """The constituency tier of a chamber, with its official counts.

    Parameters
    ----------
    names : tuple of str
        Constituencies, in file order.
    seats : tuple of int
        Magnitude of each.
    candidates : tuple of str
        Every name that stands somewhere (list parties and others), in order
        of first appearance.
    standing : tuple of tuple of (str, int)
        Per constituency, each candidate's name and votes, in file order.
    method : DivisorMethod or QuotaMethod or None
        The rule of constituencies of several seats; None for plurality.
    tier : str
        Name of the tier in outputs.
    sd : Fraction or None
        Standard deviation of the noise on each candidate's log votes (None:
        not given; a run needs it).
    swing : Fraction
        Share of the list tier's swing each candidate of a list party carries.
    source : str
        Where the counts came from.
    """

    names: tuple[str, ...]
    seats: tuple[int, ...]
    candidates: tuple[str, ...]
    standing: tuple[tuple[tuple[str, int], ...], ...]
    method: DivisorMethod | QuotaMethod | None = None
    tier: str = DEFAULT_CONSTITUENCY_TIER
    sd: Fraction | None = None
    swing: Fraction = Fraction(1)
    source: str = ""

    @property
    def n_seats(self) -> int:
        """Seats of all constituencies together."""
        return sum(self.seats)

    @property
    def rule_name(self) -> str:
        """``plurality`` or the method's name."""
        return PLURALITY if self.method is None else self.method.name

    def winners(self, tie_policy: TiePolicy) -> dict[str, int]:
        """Seats each name wins on the official counts, exactly, in order of ``candidates``.

        A tie for a plurality seat is refused, naming the constituency: its
        winner was decided by other means (a lot, a court), which the
        config then gives in ``[chamber] held``.
        """
        won = dict.fromkeys(self.candidates, 0)
        for name, magnitude, standing in zip(self.names, self.seats, self.standing, strict=True):
            seats = self.seats_in(name, magnitude, standing, tie_policy)
            for (candidate, _), count in zip(standing, seats, strict=True):
                won[candidate] += count
        return {name: seats for name, seats in won.items() if seats}

    def seats_in(
        self,
        name: str,
        magnitude: int,
        standing: Sequence[tuple[str, int]],
        tie_policy: TiePolicy,
    ) -> list[int]:
        """Seats of each candidate of ``standing`` in constituency ``name``, exactly."""
        counts = [votes for _, votes in standing]
        if self.method is None:
            best = max(counts)
            first = [i for i, votes in enumerate(counts) if votes == best]
            if len(first) > 1:
                tied = " and ".join(repr(standing[i][0]) for i in first)
                raise AllocationError(
                    f"constituency {name!r}: {tied} tie for the seat with {best:,} votes; "
                    "give its winner in [chamber] held and leave the constituency out of the file"
                )
            return [int(i == first[0]) for i in range(len(counts))]
        seats, _ = allocate_seats(
            self.method,
            counts,
            magnitude,
            eligible=[votes > 0 for votes in counts],
            tie_policy=tie_policy,
            names=[candidate for candidate, _ in standing],
        )
        return seats

    def describe(self) -> str:
        """One line for reports: ``"29 constituencies of 1 seat, plurality"``."""
        sizes = sorted(set(self.seats))
        size = f"{sizes[0]} seat{'s' * (sizes[0] != 1)}" if len(sizes) == 1 else "several seats"
        seats = f"{self.n_seats} seats"
        text = f"{len(self.names)} constituencies of {size} ({seats}), {self.rule_name}"
        return text


def _check_name(name, parties, others, where):
    """Refuse a no-seat option, or a name that looks like a mistyped list party."""
    if name in others:
        raise ConfigError(
            f"{where}: {name!r} is a no-seat option of the ballot, not a candidate's party"
        )
    hint = did_you_mean(name, parties, cutoff=0.75)
    if name not in parties and hint:
        raise ConfigError(
            f"{where}: {name!r} is not among the list parties{hint} (candidates of names not "
            "on the ballot, such as independents, may stand too)"
        )


def second_tier(chamber: "Chamber", constituencies: "Constituencies | None") -> str:
    """The name of the tier next to the list tier: the constituencies' unless seats are held too."""
    if constituencies is None or chamber.held:
        return chamber.held_tier
    return constituencies.tier


def read_constituencies(
    table: Mapping[str, object],
    base_dir: Path,
    parties: Sequence[str],
    others: Sequence[str] = (),
    *,
    label: str = "constituencies",
) -> Constituencies:
    """Read a ``[constituencies]`` table and its votes file.

    Parameters
    ----------
    table : mapping
        The table's keys (already checked to be among :data:`CONSTITUENCY_KEYS`).
    base_dir : Path
        Directory the file path is relative to.
    parties : sequence of str
        The list parties: each stands at most once in a constituency.  A
        name close to one of them (a typing mistake) is refused.
    others : sequence of str
        The ballot's no-seat options, which no candidate may be named after.
    label : str
        The table's name, for messages.

    Returns
    -------
    Constituencies
    """
    file = table.get("file")
    if not isinstance(file, str) or not file.strip():
        raise ConfigError(
            f"{label}.file must name the constituencies' votes file "
            "(constituency,party,votes[,seats])"
        )
    rule = table.get("rule", PLURALITY)
    if not isinstance(rule, str):
        raise ConfigError(f"{label}.rule must be plurality or a method name, got {rule!r}")
    method = None if rule == PLURALITY else get_method(rule, key=f"{label}.rule")
    if method is not None and method.family == "divisor" and method.seats_first:
        raise ConfigError(
            f"{label}.rule {method.name!r} gives every candidate a first seat: a constituency "
            "has fewer seats than candidates; use plurality or another method"
        )
    default_seats = to_count(table.get("seats", 1), key=f"{label}.seats", unit="seats")
    if default_seats < 1:
        raise ConfigError(f"{label}.seats must be at least 1, got {default_seats}")
    tier = table.get("tier", DEFAULT_CONSTITUENCY_TIER)
    if not isinstance(tier, str) or not tier.strip():
        raise ConfigError(f"{label}.tier must be a name, got {tier!r}")
    sd = None
    if "sd" in table:
        sd = to_fraction(table["sd"], key=f"{label}.sd")
        if sd < 0:
            raise ConfigError(f"{label}.sd must be at least 0, got {float(sd):g}")
    swing = to_fraction(table.get("swing", 1), key=f"{label}.swing")
    if not 0 <= swing <= 1:
        raise ConfigError(f"{label}.swing must be a share in [0, 1], got {float(swing):g}")
    path = base_dir / file
    names, seats, standing = _read_votes(path, default_seats, parties, others)
    for name, magnitude in zip(names, seats, strict=True):
        if method is None and magnitude != 1:
            raise ConfigError(
                f"{label}.rule is plurality, but constituency {name!r} has {magnitude} seats: "
                "give a method (such as dhondt) for constituencies of several seats"
            )
    return Constituencies(
        names=names,
        seats=seats,
        candidates=tuple(dict.fromkeys(name for row in standing for name, _ in row)),
        standing=standing,
        method=method,
        tier=tier,
        sd=sd,
        swing=swing,
        source=str(path),
    )


def _read_votes(path, default_seats, parties, others):
    """Constituencies, their magnitudes, and each one's candidates as (name, votes)."""
    rows = read_csv_rows(
        path, ("constituency", "party", "votes"), ("seats",), what="constituencies file"
    )
    seats, standing = {}, {}
    for line, row in rows:
        where = f"{path}, line {line}"
        constituency, name = row["constituency"], row["party"]
        if not constituency:
            raise ConfigError(f"{where}: the constituency name is empty")
        if not name:
            raise ConfigError(f"{where}: the party name is empty")
        _check_name(name, parties, others, where)
        cell = row.get("seats") or default_seats
        record_magnitude(seats, constituency, cell, where, what="constituency")
        there = standing.setdefault(constituency, [])
        if name in parties and any(other == name for other, _ in there):
            raise ConfigError(
                f"{where}: list party {name!r} stands twice in constituency {constituency!r}"
            )
        votes = to_count(row["votes"], key=f"{where}: votes")
        if votes:
            there.append((name, votes))
    for constituency, there in standing.items():
        if not there:
            raise ConfigError(f"{path}: constituency {constituency!r} has no votes")
    rows = tuple(tuple(standing[name]) for name in seats)
    return tuple(seats), tuple(seats.values()), rows
