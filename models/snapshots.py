"""Preliminary counts by region, as the election commission publishes them during the night.

A *snapshot* is the state of the count at one moment: per region, the votes
counted so far for every component (parties, then no-seat options) and how
much is left to count, given as any of

- ``precincts_reported`` and ``precincts_total``;
- ``expected`` ballots in all (and ``expected_sd`` when that is uncertain);
- ``registered`` voters with a ``turnout`` estimate (a fraction) and its
  ``turnout_sd``.

A region may give several (precincts tell when it is finished; the others
size a region that has not reported yet) or none (then it is sized from the
ballots per precinct elsewhere).  Regions with nothing counted are fine.

Files
-----
CSV, wide
    One row per region: ``region``, one column per component, and any of the
    fields above.  A ``snapshot`` column makes it a *series* (rows grouped by
    snapshot, in order of appearance) and an optional ``time`` column labels
    each snapshot.  With a ``precinct`` column the rows are precincts: a row
    with counts has reported, a row with empty counts has not;
    ``precincts_reported`` and ``precincts_total`` are then counted from the
    rows, and the precincts measure how much shares vary inside a region.
CSV, long
    The shape official feeds publish: one row per region and component,
    ``region,party,votes``, with the fields above repeated on each of a
    region's rows, and the same optional ``snapshot`` and ``time`` columns.
    A header with both ``party`` and ``votes`` makes a file long.  A component
    with no row in a region has 0 votes there.  It reads to the same
    snapshots as the wide file with the same figures.
TOML
    ``time = "..."`` and one table per region::

        [regions.Astana]
        precincts_reported = 12
        precincts_total = 250
        votes = { Amanat = 10345, "Against all" = 812 }

A folder holds a series: one CSV or TOML snapshot per file, in file-name order.
"""

import math
import tomllib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.engine.input_files import opening_errors, require_rows, table_rows
from seatcast.engine.parsing import to_count, to_fraction

#: Per-region fields that say how much is left to count.
SIZE_FIELDS = (
    "precincts_reported",
    "precincts_total",
    "expected",
    "expected_sd",
    "registered",
    "turnout",
    "turnout_sd",
)
_COUNT_FIELDS = ("precincts_reported", "precincts_total", "expected", "registered")
_LABEL_FIELDS = ("region", "snapshot", "time", "precinct")
_LONG_FIELDS = ("region", "party", "votes", "snapshot", "time")

#: The largest count (of votes, voters, precincts) a file may give: no
#: electorate comes near it, and sums of such counts stay exact in int64 and float64.
MAX_COUNT = 10**12
_MAX_DECIMALS = 100


@dataclass(frozen=True, eq=False)
class PrecinctSpread:
    """What reported precincts say about the variation between precincts.

    Parameters
    ----------
    log_share_sd : float
        Pooled standard deviation of a precinct's log share around its
        region's, weighted by votes.
    ballots : float
        Mean ballots per reported precinct.
    ballots_cv : float
        Coefficient of variation of ballots per precinct.
    n_precincts : int
        Reported precincts the figures come from.
    """

    log_share_sd: float
    ballots: float
    ballots_cv: float
    n_precincts: int


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The count in every region at one moment.

    Parameters
    ----------
    label : str
        Name of the snapshot (its file name, or its ``snapshot`` value).
    time : str
        When it was published, as given ("" when not given).
    regions : tuple of str
    components : tuple of str
        Parties, then no-seat options: the columns of ``counted``.
    counted : ndarray of int64, (regions, components)
        Votes counted so far.
    sizes : dict of str to ndarray of float64
        Each field of :data:`SIZE_FIELDS`, one value per region, NaN where not given.
    spread : PrecinctSpread or None
        Measured from precinct rows, when the snapshot has them.
    """

    label: str
    time: str
    regions: tuple[str, ...]
    components: tuple[str, ...]
    counted: np.ndarray
    sizes: dict[str, np.ndarray]
    spread: PrecinctSpread | None = None

    @property
    def national(self) -> np.ndarray:
        """Votes counted so far per component, summed over regions (int64)."""
        return self.counted.sum(axis=0)


def read_snapshots(path: str | Path, components: Sequence[str]) -> list[Snapshot]:
    """Read one snapshot file, a file holding a series, or a folder of snapshots.

    Parameters
    ----------
    path : str or Path
    components : sequence of str
        Parties, then no-seat options: the vote columns every snapshot must have.

    Returns
    -------
    list of Snapshot
        In time order.
    """
    path = Path(path)
    components = tuple(components)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".toml"))
        if not files:
            raise ConfigError(f"snapshot folder {path} holds no .csv or .toml files")
        return [snapshot for file in files for snapshot in read_snapshots(file, components)]
    if not path.is_file():
        raise ConfigError(f"snapshot file not found: {path}")
    if path.suffix.lower() == ".toml":
        return [_read_toml(path, components)]
    if path.suffix.lower() == ".csv":
        return _read_csv(path, components)
    raise ConfigError(f"snapshot files are .csv or .toml, got {path}")


def _read_toml(path, components):
    with opening_errors(path, "snapshot file"):
        text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"malformed TOML in {path}: {error}") from None
    refuse_unknown(data, ("time", "label", "regions"), f"in {path}")
    tables = data.get("regions")
    if not isinstance(tables, dict) or not tables:
        raise ConfigError(f"{path} has no [regions.NAME] tables")
    regions = _Regions(components)
    for name, table in tables.items():
        where = f"{path}: regions.{name}"
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table")
        refuse_unknown(table, ("votes", *SIZE_FIELDS), f"in {where}")
        votes = table.get("votes", {})
        if not isinstance(votes, dict):
            raise ConfigError(f"{where}.votes must be a table of component = votes")
        refuse_unknown(votes, components, f"in {where}.votes")
        place = f"{path}, region {name!r}"
        regions.add(name, place, [votes.get(c, "") for c in components], table)
    label = str(data.get("label", path.stem))
    return regions.snapshot(label, str(data.get("time", "")), where=str(path))


def _read_csv(path, components):
    """The snapshots of a CSV file, read row by row: only per-region figures are held."""
    with table_rows(path, what="snapshot file") as (header, rows):
        if "party" in header and "votes" in header:
            _check_long_header(header, path)
            kind = _LongSnapshot
        else:
            _check_wide_header(header, components, path)
            kind = _PrecinctSnapshot if "precinct" in header else _WideSnapshot
        snapshots = {}
        for line, row in rows:
            label = row.get("snapshot") or path.stem
            snapshot = snapshots.get(label)
            if snapshot is None:
                where = f"{path}, snapshot {label!r}" if "snapshot" in header else str(path)
                snapshot = snapshots[label] = kind(label, row, components, path, where)
            snapshot.add(line, row)
    require_rows(snapshots, path)
    return [snapshot.finish() for snapshot in snapshots.values()]


def _check_wide_header(header, components, path):
    """A wide header: ``region``, every component, and only known fields."""
    refuse_unknown(dict.fromkeys(header), (*_LABEL_FIELDS, *SIZE_FIELDS, *components), f"{path}")
    if "region" not in header:
        raise ConfigError(f"{path} has no 'region' column")
    missing = [name for name in components if name not in header]
    if missing:
        raise ConfigError(f"{path} has no column for {missing[0]!r} (a party or no-seat option)")


def _check_long_header(header, path):
    """A long header: ``region,party,votes``, the size fields, ``snapshot`` and ``time``."""
    if "precinct" in header:
        raise ConfigError(
            f"{path}: long snapshots are by region; sum the precinct rows per region, or give "
            "precinct rows in the wide form (one column per party)"
        )
    refuse_unknown(dict.fromkeys(header), (*_LONG_FIELDS, *SIZE_FIELDS), f"in {path}")
    if "region" not in header:
        raise ConfigError(f"{path} has no 'region' column")


class _Regions:
    """The regions of one snapshot, parsed as they are added: names, counts and size fields.

    Counts and sizes go straight into typed arrays, so a snapshot of many
    regions costs 8 bytes per figure, not a Python object.

    Parameters
    ----------
    components : tuple of str
    """

    def __init__(self, components):
        self.components = components
        self.columns = tuple(repr(name) for name in components)
        self.names = {}
        self.counted = array("q")
        self.sizes = {field: array("d") for field in SIZE_FIELDS}

    def add(self, name, place, votes, sizes):
        """Add one region.

        Parameters
        ----------
        name : str
            As given; stripped here.
        place : str
            Where the region is given (file and line), for messages.
        votes : sequence
            Its counts as given, one per component; empty for 0.
        sizes : mapping of str
            Its size fields as given; a missing or empty one is not given.
        """
        name = str(name).strip()
        if not name:
            raise ConfigError(f"{place}: the region name is empty")
        if name in self.names:
            raise ConfigError(f"{place}: region {name!r} appears twice")
        self.names[name] = None
        self.counted.extend(
            _count(value, place, column) for column, value in zip(self.columns, votes, strict=True)
        )
        for field in SIZE_FIELDS:
            self.sizes[field].append(_size(sizes.get(field, ""), field, place))

    def snapshot(self, label, time, *, where, spread=None):
        """The :class:`Snapshot` of the regions added, checked for consistent sizes."""
        regions = tuple(self.names)
        counted = np.array(self.counted, dtype=np.int64).reshape(len(regions), -1)
        sizes = {field: np.array(values, dtype=np.float64) for field, values in self.sizes.items()}
        _check_sizes(sizes, counted.sum(axis=1), regions, where)
        return Snapshot(
            label=str(label),
            time=str(time),
            regions=regions,
            components=self.components,
            counted=counted,
            sizes=sizes,
            spread=spread,
        )


class _CsvSnapshot:
    """One snapshot of a CSV file, built from its rows as they are read.

    Parameters
    ----------
    label : str
    first_row : dict of str to str
        The snapshot's first row, which gives its time.
    components : tuple of str
    path : Path
    where : str
        The file and snapshot, for messages.
    """

    def __init__(self, label, first_row, components, path, where):
        self.label, self.time = label, first_row.get("time", "")
        self.components, self.path, self.where = components, path, where

    def add(self, line, row):
        """Take one row of the snapshot."""
        if row.get("time", "") != self.time:
            times = sorted({self.time, row.get("time", "")})
            raise ConfigError(
                f"{self.path}: snapshot {self.label!r} has more than one time: {times}"
            )
        self.take(line, row)


class _WideSnapshot(_CsvSnapshot):
    """One row per region, one column per component."""

    def __init__(self, *args):
        super().__init__(*args)
        self.regions = _Regions(self.components)

    def take(self, line, row):
        votes = [row[column] for column in self.components]
        self.regions.add(row["region"], f"{self.where}, line {line}", votes, row)

    def finish(self):
        return self.regions.snapshot(self.label, self.time, where=self.where)


class _Region:
    """What the rows of one region have given so far: votes, size fields, rows."""

    def __init__(self, line, index, n_components):
        self.line, self.index, self.rows, self.reported = line, index, 0, 0
        self.votes = [0] * n_components
        self.fields = {}
        self.parties = {}

    def agree(self, row, where):
        """Keep the row's size fields, refusing one that differs from an earlier row's."""
        for field in SIZE_FIELDS:
            value = row.get(field, "")
            if value and self.fields.setdefault(field, value) != value:
                values = sorted({self.fields[field], value})
                raise ConfigError(f"{where} gives {field} as {values}; give one value")


class _GroupedSnapshot(_CsvSnapshot):
    """A snapshot whose rows are grouped into regions (long rows, precinct rows)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.by_region = {}

    def region(self, line, row):
        """The region a row belongs to, started on its first row."""
        name = row["region"]
        region = self.by_region.get(name)
        if region is None:
            region = self.by_region[name] = _Region(line, len(self.by_region), len(self.components))
        region.rows += 1
        region.agree(row, f"{self.where}: region {name!r}")
        return region

    def regions(self, sizes):
        """The regions read, with ``sizes(region)`` as the size fields of each."""
        regions = _Regions(self.components)
        for name, region in self.by_region.items():
            place = f"{self.where}, line {region.line}"
            regions.add(name, place, region.votes, sizes(region))
        return regions


class _LongSnapshot(_GroupedSnapshot):
    """One row per region and component: ``region,party,votes``."""

    def __init__(self, *args):
        super().__init__(*args)
        self.column = {name: j for j, name in enumerate(self.components)}

    def take(self, line, row):
        place = f"{self.path}, line {line}"
        party = _long_party(row, self.components, place)
        region = self.region(line, row)
        if party in region.parties:
            raise ConfigError(
                f"{place}: region {row['region']!r} gives votes for {party!r} again "
                f"(first on line {region.parties[party]})"
            )
        region.parties[party] = line
        region.votes[self.column[party]] = _count(row["votes"], place, "votes")
        for field in SIZE_FIELDS:
            if row.get(field):
                _size(row[field], field, place)

    def finish(self):
        regions = self.regions(lambda region: region.fields)
        return regions.snapshot(self.label, self.time, where=self.where)


def _long_party(row, components, place):
    """The component a long row counts, checked against the components."""
    party = row["party"]
    if not party:
        raise ConfigError(f"{place}: the party name is empty")
    if party not in components:
        hint = did_you_mean(party, components)
        raise ConfigError(f"{place}: {party!r} is not a party or no-seat option{hint}")
    return party


class _PrecinctSnapshot(_GroupedSnapshot):
    """One row per precinct: summed into regions, and measured for the spread between precincts."""

    def __init__(self, *args):
        super().__init__(*args)
        self.columns = tuple(repr(name) for name in self.components)
        self.precinct_votes = array("d")
        self.region_of = array("q")

    def take(self, line, row):
        if row.get("precincts_reported"):
            raise ConfigError(
                f"{self.path}, line {line}: precincts_reported is counted from the precinct "
                "rows; leave the column empty"
            )
        region = self.region(line, row)
        cells = [row[column] for column in self.components]
        if not any(cells):
            return
        place = f"{self.path}, line {line}"
        votes = [
            _count(cell, place, column) for column, cell in zip(self.columns, cells, strict=True)
        ]
        self.precinct_votes.extend(votes)
        self.region_of.append(region.index)
        region.votes = [total + count for total, count in zip(region.votes, votes, strict=True)]
        region.reported += 1

    def finish(self):
        regions = self.regions(
            lambda region: {
                **region.fields,
                "precincts_reported": region.reported,
                "precincts_total": region.fields.get("precincts_total", region.rows),
            }
        )
        votes = np.array(self.precinct_votes, dtype=np.float64).reshape(-1, len(self.components))
        spread = _measure_spread(votes, np.array(self.region_of, dtype=np.int64))
        return regions.snapshot(self.label, self.time, where=self.where, spread=spread)


def _measure_spread(votes, region_of):
    """Vote-weighted pooled sd of precinct log shares around their region's, and precinct sizes."""
    ballots = votes.sum(axis=1)
    keep = ballots > 0
    votes, region_of, ballots = votes[keep], region_of[keep], ballots[keep]
    if votes.shape[0] < 2:
        return None
    n_components = votes.shape[1]
    region_votes = np.zeros((region_of.max() + 1, n_components))
    np.add.at(region_votes, region_of, votes)
    region_share = region_votes / np.maximum(region_votes.sum(axis=1, keepdims=True), 1.0)
    # Half a vote on every component keeps logs finite; the region's share is
    # smoothed the same way, so identical precincts deviate by exactly zero.
    share = (votes + 0.5) / (ballots[:, None] + 0.5 * n_components)
    centre = (region_share[region_of] * ballots[:, None] + 0.5) / (
        ballots[:, None] + 0.5 * n_components
    )
    deviation = np.log(share) - np.log(centre)
    weight = votes  # each vote counts once: big parties and big precincts weigh most
    n_regions_used = np.unique(region_of).size
    dof = max(votes.shape[0] - n_regions_used, 1)
    variance = (weight * deviation**2).sum() / weight.sum() * votes.shape[0] / dof
    return PrecinctSpread(
        log_share_sd=float(math.sqrt(variance)),
        ballots=float(ballots.mean()),
        ballots_cv=float(ballots.std(ddof=1) / ballots.mean()),
        n_precincts=int(votes.shape[0]),
    )


def _count(value, place, column):
    """A count in a cell, 0 when empty; ``column`` names it in messages as written there.

    Plain digits, nearly every cell of a real feed, are read without building
    a message or an exact fraction.
    """
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value)
    return read_count(value or 0, key=f"{place}, {column}")


def _size(value, field, place):
    """A size field as a float, NaN when not given."""
    if value is None or value == "":
        return math.nan
    if field in _COUNT_FIELDS:
        return float(_count(value, place, field))
    label = f"{place}, {field}"
    _refuse_extreme(value, label)
    number = to_fraction(value if not isinstance(value, float) else repr(value), key=label)
    if number > MAX_COUNT:
        raise ConfigError(f"{label} is too large: {value} (at most {MAX_COUNT:_})")
    if number < 0:
        raise ConfigError(f"{label} must not be negative, got {value}")
    if field == "turnout" and not 0 < number <= 1:
        raise ConfigError(
            f"{label} is a fraction of registered voters (0.64 for 64 %), got {value}"
        )
    return float(number)


_NEEDS = (("expected_sd", "expected"), ("turnout", "registered"), ("turnout_sd", "turnout"))


def _check_sizes(sizes, counted, regions, where):
    """Refuse the first region whose size fields contradict each other or its counts."""
    reported, total = sizes["precincts_reported"], sizes["precincts_total"]
    given = {field: ~np.isnan(values) for field, values in sizes.items()}
    wrong = (~given["precincts_reported"] & given["precincts_total"]) | (reported > total)
    wrong |= (reported == 0) & (counted > 0)
    wrong |= given["registered"] & ~given["turnout"]
    for field, needs in _NEEDS:
        wrong |= given[field] & ~given[needs]
    if not wrong.any():
        return
    i = int(np.argmax(wrong))
    place = f"{where}, region {regions[i]!r}"
    if not given["precincts_reported"][i] and given["precincts_total"][i]:
        raise ConfigError(f"{place}: precincts_total needs precincts_reported")
    if reported[i] > total[i]:
        raise ConfigError(
            f"{place}: precincts_reported ({reported[i]:.0f}) "
            f"exceeds precincts_total ({total[i]:.0f})"
        )
    if reported[i] == 0 and counted[i] > 0:
        raise ConfigError(f"{place}: votes are counted but precincts_reported is 0")
    for field, needs in _NEEDS:
        if given[field][i] and not given[needs][i]:
            raise ConfigError(f"{place}: {field} needs {needs}")
    raise ConfigError(f"{place}: registered needs a turnout estimate")


def refuse_unknown(mapping: Iterable[str], known: Sequence[str], where: str) -> None:
    """Refuse the first key (or column) of ``mapping`` not in ``known``, with a did-you-mean hint.

    Parameters
    ----------
    mapping : iterable of str
        Keys or column names as given.
    known : sequence of str
    where : str
        The file or table, for messages (``"in units.csv"``).
    """
    for key in mapping:
        if key not in known:
            hint = did_you_mean(key, known)
            raise ConfigError(f"unknown column or key {key!r} {where}{hint}")


def one_value(rows: list[tuple[int, dict[str, str]]], field: str, *, where: str) -> str:
    """The one value that rows of a group (a region) give for a field, "" when none gives one.

    Parameters
    ----------
    rows : list of (int, dict)
        Line numbers and rows; rows that leave the field empty are skipped.
    field : str
    where : str
        The group, for messages.

    Returns
    -------
    str
    """
    values = {row.get(field, "") for _, row in rows} - {""}
    if len(values) > 1:
        raise ConfigError(f"{where} gives {field} as {sorted(values)}; give one value")
    return values.pop() if values else ""


def read_count(value: int | str | Decimal, *, key: str, unit: str | None = "votes") -> int:
    """A count as :func:`~seatcast.engine.parsing.to_count` reads it, at most :data:`MAX_COUNT`.

    Parameters
    ----------
    value : int, str or Decimal
    key : str
        Where the value is (file, line, column), for messages.
    unit : str or None
        What is counted, for messages.

    Returns
    -------
    int
    """
    _refuse_extreme(value, key)
    count = to_count(value, key=key, unit=unit)
    if count > MAX_COUNT:
        raise ConfigError(f"{key} is too large: {value} (at most {MAX_COUNT:_})")
    return count


def optional_count(
    value: int | str | Decimal | None, *, key: str, unit: str | None = None
) -> float:
    """A count as a float, NaN for an empty cell.

    Parameters
    ----------
    value : int, str, Decimal or None
    key : str
        Where the value is, for messages.
    unit : str or None
        What is counted, for messages.

    Returns
    -------
    float
    """
    if value is None or value == "":
        return math.nan
    return float(read_count(value, key=key, unit=unit))


def _refuse_extreme(value, key):
    """Refuse numbers with a huge exponent before they are expanded to an exact fraction."""
    if isinstance(value, str):
        try:
            value = Decimal(value.strip().replace("_", "").removesuffix("%"))
        except InvalidOperation:
            return
    if not isinstance(value, Decimal) or not value.is_finite() or not value:
        return
    if value.adjusted() > 12:
        raise ConfigError(f"{key} is too large: {value} (at most {MAX_COUNT:_})")
    if value.as_tuple().exponent < -_MAX_DECIMALS:
        raise ConfigError(f"{key} has more than {_MAX_DECIMALS} decimal places: {value}")
