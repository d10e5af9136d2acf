"""The previous election's result by region: where a region stood before tonight's count.

The previous election had its own parties and lists; their names need not
match this election's.

Files
-----
CSV, wide
    ``region``, one column per previous party, and optional ``ballots`` and
    ``registered`` columns.  An empty vote cell is 0: the party did not stand there.
CSV, long
    ``region,party,votes``, with optional ``ballots`` and ``registered``
    repeated on each of a region's rows (they must agree).  A header with
    both ``party`` and ``votes`` makes a file long.  A party with no row in
    a region has 0 votes there.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.input_files import read_table, require_rows
from seatcast.models.snapshots import (
    one_value,
    optional_count,
    read_count,
    refuse_unknown,
)

_TOTALS = ("ballots", "registered")
_LONG_COLUMNS = ("region", "party", "votes", *_TOTALS)


@dataclass(frozen=True, eq=False)
class PreviousResult:
    """Votes by region and party at the previous election.

    Parameters
    ----------
    regions : tuple of str
        In file order.
    parties : tuple of str
        The previous election's own parties, in file order.
    votes : ndarray of float64, (regions, parties)
    ballots : ndarray of float64, (regions,)
        Ballots cast, NaN where not given.
    registered : ndarray of float64, (regions,)
        Registered voters, NaN where not given.
    source : str
        The file, for messages.
    """

    regions: tuple[str, ...]
    parties: tuple[str, ...]
    votes: np.ndarray
    ballots: np.ndarray
    registered: np.ndarray
    source: str


def read_previous(path: str | Path) -> PreviousResult:
    """Read a previous result, wide or long.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    PreviousResult
    """
    header, rows = read_table(path, what="previous result")
    if "party" in header and "votes" in header:
        refuse_unknown(header, _LONG_COLUMNS, f"in {path}")
    _check_header(header, path)
    require_rows(rows, path)
    if "party" in header:
        return _read_long(rows, path)
    return _read_wide(header, rows, path)


def _check_header(header, path):
    """A ``region`` column; ``party`` and ``votes`` together; a wide file has parties."""
    if "region" not in header:
        raise ConfigError(f"{path} has no 'region' column")
    for name, other in (("party", "votes"), ("votes", "party")):
        if name in header and other not in header:
            raise ConfigError(
                f"{path} has a {name!r} column but no {other!r} column: a long file "
                "has both (region,party,votes); a wide one has a column per party"
            )
    if "party" not in header and not _wide_parties(header):
        raise ConfigError(f"{path} has no party columns (one column of votes per party)")


def _wide_parties(header):
    """The party columns of a wide header."""
    return tuple(name for name in header if name not in ("region", *_TOTALS))


def _read_wide(header, rows, path):
    """One row per region, one column per party."""
    parties = _wide_parties(header)
    _refuse_empty(rows, ("region",), path)
    keys = [(line, row["region"]) for line, row in rows]
    _refuse_repeats([(line, key, f"region {key!r}") for line, key in keys], path)
    votes = [
        [read_count(row[party] or 0, key=f"{path}, line {line}, {party!r}") for party in parties]
        for line, row in rows
    ]
    totals = [_totals(row, f"{path}, line {line}") for line, row in rows]
    return _result(path, [key for _, key in keys], parties, votes, totals)


def _read_long(rows, path):
    """One row per region and party."""
    _refuse_empty(rows, ("region", "party"), path)
    keys = [(line, (row["region"], row["party"])) for line, row in rows]
    _refuse_repeats(
        [(line, key, "region {!r}, party {!r}".format(*key)) for line, key in keys], path
    )
    by_region = {}
    for line, row in rows:
        by_region.setdefault(row["region"], []).append((line, row))
    region_of = {region: i for i, region in enumerate(by_region)}
    party_of = {party: j for j, party in enumerate(dict.fromkeys(row["party"] for _, row in rows))}
    votes = np.zeros((len(region_of), len(party_of)), dtype=np.int64)
    for line, row in rows:
        place = f"{path}, line {line}"
        count = read_count(row["votes"] or 0, key=f"{place}, votes")
        votes[region_of[row["region"]], party_of[row["party"]]] = count
        _totals(row, place)
    totals = [
        _agreed_totals(group, f"{path}: region {name!r}") for name, group in by_region.items()
    ]
    return _result(path, tuple(region_of), tuple(party_of), votes, totals)


def _refuse_empty(rows, columns, path):
    """Refuse a row whose region (or party) name is empty."""
    for line, row in rows:
        for column in columns:
            if not row[column]:
                raise ConfigError(f"{path}, line {line}: the {column} name is empty")


def _refuse_repeats(keys, path):
    """Refuse a key (a region, or a region and party) given on two lines.

    ``keys`` holds (line, key, the key as a message shows it).
    """
    first_line = {}
    for line, key, shown in keys:
        if key in first_line:
            raise ConfigError(
                f"{path}, line {line}: {shown} is listed twice (first on line {first_line[key]})"
            )
        first_line[key] = line


def _totals(row, place):
    """A row's ballots and registered voters (NaN where not given)."""
    return [optional_count(row.get(column), key=f"{place}, {column}") for column in _TOTALS]


def _agreed_totals(group, where):
    """A region's ballots and registered voters: the one value its long rows give."""
    place = f"{where}, line {group[0][0]}"
    return [
        optional_count(one_value(group, column, where=where), key=f"{place}, {column}")
        for column in _TOTALS
    ]


def _result(path, regions, parties, votes, totals):
    """The PreviousResult of parsed votes and totals."""
    totals = np.array(totals, dtype=np.float64).reshape(len(regions), len(_TOTALS))
    return PreviousResult(
        regions=tuple(regions),
        parties=tuple(parties),
        votes=np.array(votes, dtype=np.float64).reshape(len(regions), len(parties)),
        ballots=totals[:, 0],
        registered=totals[:, 1],
        source=str(path),
    )
