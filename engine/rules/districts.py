"""Districts: seats allocated district by district, on votes counted district by district.

Most proportional systems share their seats in districts (Poland: 41, by
D'Hondt; Spain: 52 provinces).  A districted tier is a list of districts,
each with its magnitude and its own counts.  The national threshold is judged
on the national sums; a party that clears it takes part in every district
where it has votes and clears the district threshold, if there is one (Spain:
3 % of the valid votes of the province).  Each district is then allocated by
the tier's method, and national seats are the sums.

The votes come from a long CSV file, one row per district and party::

    district,seats,party,votes,kind
    Legnica,12,KO,108191,party
    Legnica,12,PiS,183364,party

``kind`` is optional: ``party`` (the default) or ``other`` for ballots that
count in an ``all`` threshold base but win no seats (blank ballots).  A party
missing from a district has no votes there.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from seatcast.engine.errors import AllocationError, ConfigError
from seatcast.engine.input_files import read_csv_rows
from seatcast.engine.parsing import to_count
from seatcast.engine.rules.ballots import VOTE_KINDS
from seatcast.engine.rules.methods import QuotaMethod
from seatcast.engine.rules.thresholds import Threshold

DISTRICT_COLUMNS = ("district", "seats", "party", "votes")


@dataclass(frozen=True)
class Districts:
    """The districts of a tier, with their counts.

    Parameters
    ----------
    names : tuple of str
        District names, in file order.
    seats : tuple of int
        Magnitude of each district.
    votes : tuple of tuple of int
        Per district, votes per party (in the order of ``parties``).
    other_votes : tuple of tuple of int
        Per district, votes per no-seat option (in the order of ``others``).
    parties : tuple of str
    others : tuple of str
    threshold : Fraction
        Share of a district's base a party needs there (0: none); the base
        and the comparison are the national threshold's.
    source : str
        Where the counts came from.
    pool : QuotaMethod or None
        The method of a national remainder pool: the districts then give
        whole quotas only, and the seats they leave go by this method on
        each party's remainders summed nationally
        (:mod:`seatcast.engine.rules.remainder_pool`).  None: each district
        allocates all its seats.
    """

    names: tuple[str, ...]
    seats: tuple[int, ...]
    votes: tuple[tuple[int, ...], ...]
    other_votes: tuple[tuple[int, ...], ...]
    parties: tuple[str, ...]
    others: tuple[str, ...] = ()
    threshold: Fraction = Fraction(0)
    source: str = ""
    pool: "QuotaMethod | None" = None

    @property
    def n_seats(self) -> int:
        """Seats in all districts together."""
        return sum(self.seats)

    def national_votes(self) -> dict[str, int]:
        """Votes per party summed over the districts, as ``{party: votes}``."""
        return {p: sum(row[i] for row in self.votes) for i, p in enumerate(self.parties)}

    def national_other_votes(self) -> dict[str, int]:
        """Votes per no-seat option summed over the districts."""
        return {o: sum(row[i] for row in self.other_votes) for i, o in enumerate(self.others)}


def read_districts_csv(path: str | Path, *, threshold: Fraction = Fraction(0)) -> Districts:
    """Read a long district file (``district,seats,party,votes[,kind]``).

    Parameters
    ----------
    path : str or Path
    threshold : Fraction
        The district threshold.

    Returns
    -------
    Districts
    """
    path = Path(path)
    rows = read_csv_rows(path, DISTRICT_COLUMNS, ("kind",), what="districts file")
    seats, parties, others, counts = {}, [], [], {}
    for line, row in rows:
        where = f"{path}, line {line}"
        district, name, kind = row["district"], row["party"], row.get("kind") or "party"
        if not district:
            raise ConfigError(f"{where}: the district name is empty")
        if not name:
            raise ConfigError(f"{where}: the party name is empty")
        if kind not in VOTE_KINDS:
            raise ConfigError(f"{where}: kind must be party or other, got {kind!r}")
        record_magnitude(seats, district, row["seats"], where, what="district")
        names, other_names = (parties, others) if kind == "party" else (others, parties)
        if name in other_names:
            raise ConfigError(f"{where}: {name!r} is a party on one line and other on another")
        if name not in names:
            names.append(name)
        if (district, name) in counts:
            raise ConfigError(f"{where}: {name!r} is listed twice in district {district!r}")
        counts[district, name] = to_count(row["votes"], key=f"{where}: votes")
    if not parties:
        raise ConfigError(f"{path}: no party rows (kind = party) in the file")
    return Districts(
        names=tuple(seats),
        seats=tuple(seats.values()),
        votes=tuple(tuple(counts.get((d, p), 0) for p in parties) for d in seats),
        other_votes=tuple(tuple(counts.get((d, o), 0) for o in others) for d in seats),
        parties=tuple(parties),
        others=tuple(others),
        threshold=threshold,
        source=str(path),
    )


def record_magnitude(
    seats: dict[str, int], name: str, cell: str | int, where: str, *, what: str
) -> int:
    """Read a row's seats for district ``name`` into ``seats``: at least 1, the same on every row.

    Parameters
    ----------
    seats : dict of str to int
        The magnitudes read so far; ``name``'s is added.
    name : str
    cell : str or int
        The row's seats.
    where : str
        The file and line, for messages.
    what : str
        ``"district"`` or ``"constituency"``, for messages.

    Returns
    -------
    int
    """
    magnitude = to_count(cell, key=f"{where}: seats", unit="seats")
    if magnitude < 1:
        raise ConfigError(f"{where}: seats must be at least 1, got {magnitude}")
    if seats.setdefault(name, magnitude) != magnitude:
        raise ConfigError(
            f"{where}: {what} {name!r} has {magnitude} seats here "
            f"but {seats[name]} on an earlier line"
        )
    return magnitude


def read_district_seats(
    path: str | Path,
    parties: Sequence[str],
    others: Sequence[str] = (),
    *,
    threshold: Fraction = Fraction(0),
) -> Districts:
    """Read the districts of an election night (``district,seats``), with no votes yet.

    Parameters
    ----------
    path : str or Path
    parties, others : sequence of str
        The parties and no-seat options the night's snapshots count.
    threshold : Fraction
        The district threshold.

    Returns
    -------
    Districts
        Every count zero: the snapshots fill them in.
    """
    path = Path(path)
    rows = read_csv_rows(path, ("district", "seats"), what="districts file")
    seats = {}
    for line, row in rows:
        where = f"{path}, line {line}"
        if not row["district"]:
            raise ConfigError(f"{where}: the district name is empty")
        if row["district"] in seats:
            raise ConfigError(f"{where}: district {row['district']!r} is listed twice")
        magnitude = to_count(row["seats"], key=f"{where}: seats", unit="seats")
        if magnitude < 1:
            raise ConfigError(f"{where}: seats must be at least 1, got {magnitude}")
        seats[row["district"]] = magnitude
    return Districts(
        names=tuple(seats),
        seats=tuple(seats.values()),
        votes=tuple(tuple(0 for _ in parties) for _ in seats),
        other_votes=tuple(tuple(0 for _ in others) for _ in seats),
        parties=tuple(parties),
        others=tuple(others),
        threshold=threshold,
        source=str(path),
    )


@dataclass(frozen=True)
class DistrictSeats:
    """Seats per district and party from one districted allocation.

    Parameters
    ----------
    names : tuple of str
        Districts.
    seats : tuple of tuple of int
        Per district, seats per party.
    """

    names: tuple[str, ...]
    seats: tuple[tuple[int, ...], ...]

    def by_district(self, parties: Sequence[str]) -> dict[str, dict[str, int]]:
        """``{district: {party: seats}}``."""
        return {
            name: dict(zip(parties, row, strict=True))
            for name, row in zip(self.names, self.seats, strict=True)
        }


def district_eligible(
    districts: Districts, threshold: Threshold, national: Sequence[bool], index: int
) -> tuple[bool, ...]:
    """Which parties take part in district ``index``.

    A party takes part where it cleared the national threshold (``national``),
    has votes in the district, and clears the district threshold or is exempt.

    Parameters
    ----------
    districts : Districts
    threshold : Threshold
        The national rule: its base, strictness and exemptions apply.
    national : sequence of bool
    index : int

    Returns
    -------
    tuple of bool
    """
    votes = districts.votes[index]
    base = sum(votes) + (sum(districts.other_votes[index]) if threshold.base == "all" else 0)
    bar = districts.threshold
    flags = []
    for party, passes, count in zip(districts.parties, national, votes, strict=True):
        scaled, need = count * bar.denominator, bar.numerator * base
        clears = scaled > need if threshold.strict and bar else scaled >= need
        flags.append(passes and count > 0 and (clears or party in threshold.exempt))
    if not any(flags):
        raise AllocationError(
            f"no party takes part in district {districts.names[index]!r}: "
            "none that cleared the national threshold clears the district's or has votes there"
        )
    return tuple(flags)
