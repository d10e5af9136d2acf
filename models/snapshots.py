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

import difflib
import math
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.parsing import to_count, to_fraction
from seatcast.engine.vote_input import opening_errors, read_table, require_rows

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
    regions: tuple
    components: tuple
    counted: np.ndarray
    sizes: dict
    spread: PrecinctSpread | None = None

    @property
    def national(self):
        """Votes counted so far per component, summed over regions (int64)."""
        return self.counted.sum(axis=0)


def read_snapshots(path, components):
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
    regions = data.get("regions")
    if not isinstance(regions, dict) or not regions:
        raise ConfigError(f"{path} has no [regions.NAME] tables")
    rows = []
    for name, table in regions.items():
        where = f"{path}: regions.{name}"
        if not isinstance(table, dict):
            raise ConfigError(f"{where} must be a table")
        refuse_unknown(table, ("votes", *SIZE_FIELDS), f"in {where}")
        votes = table.get("votes", {})
        if not isinstance(votes, dict):
            raise ConfigError(f"{where}.votes must be a table of component = votes")
        refuse_unknown(votes, components, f"in {where}.votes")
        row = {"region": name, **{key: table[key] for key in SIZE_FIELDS if key in table}}
        row.update(votes)
        rows.append(row)
    label = str(data.get("label", path.stem))
    return _snapshot(label, str(data.get("time", "")), rows, components, where=str(path))


def _read_csv(path, components):
    header, rows = read_table(path, what="snapshot file")
    long = "party" in header and "votes" in header
    if long:
        _check_long_header(header, path)
    else:
        _check_wide_header(header, components, path)
    require_rows(rows, path)
    snapshots = []
    for label, group in _group_by_snapshot(rows, path).items():
        times = {row.get("time", "") for _, row in group}
        if len(times) > 1:
            raise ConfigError(f"{path}: snapshot {label!r} has more than one time: {sorted(times)}")
        where = f"{path}, snapshot {label!r}" if "snapshot" in header else str(path)
        spread = None
        if long:
            region_rows = _long_rows(group, components, path, where)
        elif "precinct" in header:
            region_rows, spread = _precinct_rows(group, components, path, where)
        else:
            region_rows = [_with_line(line, row) for line, row in group]
        snapshots.append(
            _snapshot(label, times.pop(), region_rows, components, where=where, spread=spread)
        )
    return snapshots


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


def _group_by_snapshot(rows, path):
    """Rows by their ``snapshot`` value (the file name without one), in order of appearance."""
    groups = {}
    for line, row in rows:
        key = row.get("snapshot", path.stem) or path.stem
        groups.setdefault(key, []).append((line, row))
    return groups


def _long_rows(group, components, path, where):
    """One wide row per region from the long rows of one snapshot."""
    by_region, first_line = {}, {}
    for line, row in group:
        party = _long_party(row, components, f"{path}, line {line}")
        key = (row["region"], party)
        if key in first_line:
            raise ConfigError(
                f"{path}, line {line}: region {key[0]!r} gives votes for {party!r} again "
                f"(first on line {first_line[key]})"
            )
        first_line[key] = line
        by_region.setdefault(row["region"], []).append((line, row))
    return [_long_region(name, rows, components, path, where) for name, rows in by_region.items()]


def _long_party(row, components, place):
    """The component a long row counts, checked against the components."""
    party = row["party"]
    if not party:
        raise ConfigError(f"{place}: the party name is empty")
    if party not in components:
        close = difflib.get_close_matches(party, components, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ConfigError(f"{place}: {party!r} is not a party or no-seat option{hint}")
    return party


def _long_region(name, rows, components, path, where):
    """The wide row of one region: its votes by component and its one value of each size field."""
    region_row = {"region": name, "_line": rows[0][0], **dict.fromkeys(components, 0)}
    for line, row in rows:
        place = f"{path}, line {line}"
        region_row[row["party"]] = read_count(row["votes"] or 0, key=f"{place}, votes")
        for field in SIZE_FIELDS:
            if row.get(field):
                _size(row[field], field, place)
    for field in SIZE_FIELDS:
        region_row[field] = one_value(rows, field, where=f"{where}: region {name!r}")
    return region_row


def _with_line(line, row):
    return {**row, "_line": line}


def _precinct_rows(group, components, path, where):
    """Sum precinct rows into region rows; measure the spread between precincts."""
    by_region = {}
    for line, row in group:
        by_region.setdefault(row["region"], []).append((line, row))
    region_rows, precinct_votes, region_of = [], [], []
    for index, (name, rows) in enumerate(by_region.items()):
        region_row = {"region": name, "_line": rows[0][0]}
        totals = np.zeros(len(components), dtype=np.int64)
        reported = 0
        for line, row in rows:
            if row.get("precincts_reported"):
                raise ConfigError(
                    f"{path}, line {line}: precincts_reported is counted from the precinct "
                    "rows; leave the column empty"
                )
            if any(row[c] for c in components):
                votes = [
                    read_count(row[c] or 0, key=f"{path}, line {line}, {c!r}") for c in components
                ]
                precinct_votes.append(votes)
                region_of.append(index)
                totals += votes
                reported += 1
        for field in SIZE_FIELDS:
            value = one_value(rows, field, where=f"{where}: region {name!r}")
            if value:
                region_row[field] = value
        region_row["precincts_reported"] = reported
        region_row.setdefault("precincts_total", len(rows))
        region_row.update(zip(components, totals.tolist(), strict=True))
        region_rows.append(region_row)
    votes = np.array(precinct_votes, dtype=np.float64).reshape(-1, len(components))
    return region_rows, _measure_spread(votes, np.array(region_of, dtype=np.int64))


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


def _snapshot(label, time, rows, components, *, where, spread=None):
    regions, counted = [], []
    sizes = {field: [] for field in SIZE_FIELDS}
    for row in rows:
        place = (
            f"{where}, line {row['_line']}"
            if "_line" in row
            else f"{where}, region {row['region']!r}"
        )
        name = str(row["region"]).strip()
        if not name:
            raise ConfigError(f"{place}: the region name is empty")
        if name in regions:
            raise ConfigError(f"{place}: region {name!r} appears twice")
        regions.append(name)
        counted.append([read_count(row.get(c, "") or 0, key=f"{place}, {c!r}") for c in components])
        for field in SIZE_FIELDS:
            sizes[field].append(_size(row.get(field, ""), field, place))
    sizes = {field: np.array(values, dtype=np.float64) for field, values in sizes.items()}
    _check_sizes(sizes, np.array(counted, dtype=np.int64).sum(axis=1), regions, where)
    return Snapshot(
        label=str(label),
        time=str(time),
        regions=tuple(regions),
        components=components,
        counted=np.array(counted, dtype=np.int64).reshape(len(regions), len(components)),
        sizes=sizes,
        spread=spread,
    )


def _size(value, field, place):
    label = f"{place}, {field}"
    if field in _COUNT_FIELDS:
        return optional_count(value, key=label)
    if value is None or value == "":
        return math.nan
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


def _check_sizes(sizes, counted, regions, where):
    reported, total = sizes["precincts_reported"], sizes["precincts_total"]
    for i, name in enumerate(regions):
        place = f"{where}, region {name!r}"
        if np.isnan(reported[i]) and not np.isnan(total[i]):
            raise ConfigError(f"{place}: precincts_total needs precincts_reported")
        if reported[i] > total[i]:
            raise ConfigError(
                f"{place}: precincts_reported ({reported[i]:.0f}) "
                f"exceeds precincts_total ({total[i]:.0f})"
            )
        if reported[i] == 0 and counted[i] > 0:
            raise ConfigError(f"{place}: votes are counted but precincts_reported is 0")
        for field, needs in (
            ("expected_sd", "expected"),
            ("turnout", "registered"),
            ("turnout_sd", "turnout"),
        ):
            if not np.isnan(sizes[field][i]) and np.isnan(sizes[needs][i]):
                raise ConfigError(f"{place}: {field} needs {needs}")
        if not np.isnan(sizes["registered"][i]) and np.isnan(sizes["turnout"][i]):
            raise ConfigError(f"{place}: registered needs a turnout estimate")


def refuse_unknown(mapping, known, where):
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
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ConfigError(f"unknown column or key {key!r} {where}{hint}")


def one_value(rows, field, *, where):
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


def read_count(value, *, key, unit="votes"):
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


def optional_count(value, *, key, unit=None):
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
