"""Simulated orders in which the units of an election report on election night.

The official files hold final counts only, with no timestamps, so a replay of
election night must choose the order in which units (gminas, countries
abroad) report.  Real counts are not random: small rural units report first,
big cities later, and votes from abroad last.  This module simulates several
such orders so that a projection can be tested against more than one:

``"random"``
    A uniform random permutation: the textbook case, and the easiest one,
    since every partial count is a random sample of units.
``"small-first"``
    Units sorted by ``log(registered)`` plus normal noise (sd 0.5 in log
    units): small units tend to come first, but not strictly.
``"cities-abroad-last"``
    Each unit gets a continuous reporting time: rural units uniform on
    [0, 0.6], cities on [0.4, 0.95], abroad on [0.9, 1.0], so that the kinds
    overlap a little at the boundaries.  Within a kind, times are handed out
    by rank of ``log(registered)`` plus noise: a mild small-first tendency
    for rural units (sd 1.0), small first with noise for cities (sd 0.5),
    none abroad (random).
``"district-by-district"``
    Districts report one after the other, in a random order of districts;
    units within a district report in random order, with a little overlap
    between neighbours (time = district rank + uniform(0, 1.5)).

The times attached to the snapshots of a series (see `write_series`) are
invented labels, not observations.

Units are passed as a plain dict of column name -> numpy array, as
`read_table` returns for ``units.csv``: the orders read ``registered``
(positive numbers), ``kind`` (``"rural"``, ``"city"`` or ``"abroad"``) and
``district`` (any labels).  The module needs numpy only.
"""

import csv
from pathlib import Path

import numpy as np

ORDERS = ("random", "small-first", "cities-abroad-last", "district-by-district")

#: Reporting-time window (start, end) of each kind of unit in "cities-abroad-last".
KIND_WINDOWS = {"rural": (0.0, 0.6), "city": (0.4, 0.95), "abroad": (0.9, 1.0)}

#: Noise (sd, log units) on log(registered) when ranking units within a kind;
#: None means a purely random order within the kind.
KIND_SIZE_NOISE = {"rural": 1.0, "city": 0.5, "abroad": None}

#: Noise (sd, log units) on log(registered) in "small-first".
SMALL_FIRST_NOISE = 0.5

#: Width of the uniform spread of units around their district's rank.
DISTRICT_SPREAD = 1.5


def read_table(path, text=("region",)):
    """Read a comma-separated file into columns.

    Parameters
    ----------
    path : str or os.PathLike
        A UTF-8 CSV file with a header row (e.g. ``units.csv``, ``final.csv``).
    text : sequence of str, optional
        Columns always kept as text, even when every value looks like a number
        (``region`` holds zero-padded codes such as ``"020101"``).

    Returns
    -------
    dict of str to numpy.ndarray
        One array per column, in file order: float64 where every value parses
        as a number, otherwise an object array of str.
    """
    with Path(path).open(newline="", encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    header, body = rows[0], rows[1:]
    columns = {}
    for position, name in enumerate(header):
        values = [row[position] for row in body]
        columns[name] = _column_array(values, keep_text=name in text)
    return columns


def _column_array(values, keep_text):
    """Turn one column of strings into float64 if every value parses, else str."""
    if not keep_text:
        try:
            return np.array([float(value) for value in values], dtype=np.float64)
        except ValueError:
            pass
    return np.array(values, dtype=object)


def count_order(name, units, rng):
    """Simulate the order in which the units report.

    Parameters
    ----------
    name : str
        One of `ORDERS`.
    units : dict of str to numpy.ndarray
        The units' columns, as from `read_table` on ``units.csv``; each order
        reads only what it needs (``registered``, ``kind``, ``district``).
    rng : numpy.random.Generator
        Source of randomness; the same seed gives the same order.

    Returns
    -------
    numpy.ndarray of int
        A permutation of the unit indices, the first reported first.

    Raises
    ------
    ValueError
        If `name` is not one of `ORDERS`.
    """
    if name == "random":
        return rng.permutation(len(units["registered"]))
    if name == "small-first":
        return _small_first(units, rng)
    if name == "cities-abroad-last":
        return _cities_abroad_last(units, rng)
    if name == "district-by-district":
        return _district_by_district(units, rng)
    raise ValueError(f"unknown count order {name!r}; choose one of {ORDERS}")


def _noisy_log_size(registered, sd, rng):
    """log(registered) plus normal noise with standard deviation `sd`."""
    registered = np.asarray(registered, dtype=np.float64)
    return np.log(registered) + rng.normal(0.0, sd, registered.shape)


def _small_first(units, rng):
    """Sort by log(registered) plus noise: small units first, not strictly."""
    key = _noisy_log_size(units["registered"], SMALL_FIRST_NOISE, rng)
    return np.argsort(key, kind="stable")


def _within_kind_position(registered, sd, rng):
    """Positions in (0, 1), evenly spread, ranked by noisy size (random if `sd` is None)."""
    n_units = len(registered)
    if sd is None:
        ranks = rng.permutation(n_units)
    else:
        key = _noisy_log_size(registered, sd, rng)
        ranks = np.argsort(np.argsort(key, kind="stable"), kind="stable")
    return (ranks + rng.uniform(0.0, 1.0, n_units)) / n_units


def _cities_abroad_last(units, rng):
    """Rural units first, then cities, abroad last, overlapping at the boundaries."""
    kinds = np.asarray(units["kind"])
    registered = np.asarray(units["registered"], dtype=np.float64)
    unknown = set(kinds.tolist()) - set(KIND_WINDOWS)
    if unknown:
        raise ValueError(f"unknown unit kinds {sorted(unknown)}; expected {list(KIND_WINDOWS)}")
    times = np.empty(len(kinds))
    for kind, (start, end) in KIND_WINDOWS.items():
        mine = kinds == kind
        position = _within_kind_position(registered[mine], KIND_SIZE_NOISE[kind], rng)
        times[mine] = start + (end - start) * position
    return np.argsort(times, kind="stable")


def _district_by_district(units, rng):
    """Districts one after the other in random order, units shuffled within and across."""
    names, district_index = np.unique(np.asarray(units["district"]), return_inverse=True)
    district_rank = rng.permutation(len(names))
    times = district_rank[district_index] + rng.uniform(0.0, DISTRICT_SPREAD, len(district_index))
    return np.argsort(times, kind="stable")


def snapshot_rows(ballots, order, fraction):
    """The units reported once a given fraction of all ballots is counted.

    Parameters
    ----------
    ballots : array_like of float
        Ballots of each unit, e.g. ``final_votes.sum(axis=1)``.
    order : array_like of int
        Reporting order, as from `count_order`.
    fraction : float
        Share of all ballots counted, in [0, 1].

    Returns
    -------
    numpy.ndarray of int
        The shortest prefix of `order` whose ballots reach ``fraction`` of the
        total (whole units only), in reporting order.  Empty for
        ``fraction <= 0``; the whole of `order` for ``fraction >= 1``, units
        without ballots included.
    """
    order = np.asarray(order, dtype=np.intp)
    if fraction <= 0:
        return order[:0]
    if fraction >= 1:
        return order
    counted = np.cumsum(np.asarray(ballots, dtype=np.float64)[order])
    n_reported = int(np.searchsorted(counted, fraction * counted[-1], side="left")) + 1
    return order[:n_reported]


def write_series(
    path, unit_ids, precincts_total, party_names, final_votes, order, fractions, labels, times
):
    """Write a wide snapshot series, listing only the units counted so far.

    Parameters
    ----------
    path : str or os.PathLike
        Output CSV (UTF-8, comma-separated, ``"\\n"`` line ends).
    unit_ids : sequence of str
        Region identifier of each unit.
    precincts_total : array_like of int
        Precincts of each unit; a reported unit reports all of them.
    party_names : sequence of str
        Party column names, in the column order of `final_votes`.
    final_votes : array_like, shape (n_units, n_parties)
        Final votes of each unit.
    order : array_like of int
        Reporting order, as from `count_order`.
    fractions, labels, times : sequence
        For each snapshot: the share of ballots counted, its label (the
        ``snapshot`` column) and its time (the ``time`` column).

    Returns
    -------
    list of numpy.ndarray
        The indices of the units in each snapshot, in reporting order (the
        order in which they are written).

    Notes
    -----
    Header: ``snapshot,time,region,precincts_reported,<parties>``.  Snapshots
    appear in the order given; each unit in one carries
    ``precincts_reported`` equal to its total and its final votes, as official
    feeds publish only the units already counted.
    """
    votes = np.rint(np.asarray(final_votes, dtype=np.float64)).astype(np.int64)
    precincts = np.rint(np.asarray(precincts_total, dtype=np.float64)).astype(np.int64)
    snapshots = []
    with Path(path).open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["snapshot", "time", "region", "precincts_reported", *party_names])
        for fraction, label, time in zip(fractions, labels, times, strict=True):
            rows = snapshot_rows(votes.sum(axis=1), order, fraction)
            for unit in rows:
                writer.writerow([label, time, unit_ids[unit], precincts[unit], *votes[unit]])
            snapshots.append(rows)
    return snapshots
