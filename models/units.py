"""Every counting unit of the night, known before the first snapshot, and the count read against it.

A snapshot lists the units that have reported something; the *units file*
lists them all, with their sizes, so that a unit missing from a snapshot
counts as nothing counted yet rather than as a unit that does not exist.

File
----
CSV with a header, one row per unit:

``region``
    The unit's id, as the snapshots name it.
``precincts_total``, ``registered``
    Its size: at least one of the two columns, and every row gives at least
    one of them (whole numbers; ``precincts_total`` at least 1).
``district``
    Optional: the district the unit belongs to (never empty when the column is there).
``kind``
    Optional free text (``abroad``, ``city``); may be empty.
"""

import functools
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import numpy as np
from numpy.typing import ArrayLike

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.engine.input_files import require_rows, table_rows
from seatcast.models.snapshots import Snapshot, optional_count, refuse_unknown

_SIZES = ("precincts_total", "registered")
_COLUMNS = ("region", *_SIZES, "district", "kind")


@dataclass(frozen=True, eq=False)
class Units:
    """The counting units, in file order.

    Parameters
    ----------
    ids : tuple of str
    precincts_total : ndarray of float64, (units,)
        NaN where not given.
    registered : ndarray of float64, (units,)
        NaN where not given.
    districts : tuple of str or None
        The district of each unit; None when the file has no ``district`` column.
    kinds : tuple of str
        "" where not given.
    source : str
        The file, for messages.
    """

    ids: tuple[str, ...]
    precincts_total: np.ndarray
    registered: np.ndarray
    districts: tuple[str, ...] | None
    kinds: tuple[str, ...]
    source: str

    @classmethod
    def of_snapshots(cls, snapshots: Iterable[Snapshot]) -> Self:
        """The regions the snapshots name, in order of first appearance, nothing else known.

        For reading a series without a units file (to find its corrections).
        """
        ids = tuple(dict.fromkeys(name for snapshot in snapshots for name in snapshot.regions))
        unknown = np.full(len(ids), np.nan)
        return cls(ids, unknown, unknown.copy(), None, ("",) * len(ids), "the snapshots")

    @functools.cached_property
    def position(self) -> dict[str, int]:
        """Index of each unit id (dict of str to int)."""
        return {name: index for index, name in enumerate(self.ids)}


@dataclass(frozen=True, eq=False)
class UnitCount:
    """One snapshot read against every unit.

    Parameters
    ----------
    label : str
        The snapshot's label.
    time : str
        The snapshot's time ("" when not given).
    counted : ndarray of int64, (units, components)
        Votes counted so far; zeros for units absent from the snapshot.
    reported : ndarray of float64, (units,)
        Precincts reported: 0 for a unit absent from the snapshot or with
        nothing counted, NaN where the snapshot gives no precinct figures
        for a unit that counted something.
    complete : ndarray of bool, (units,)
        Finished: every precinct reported, or (for a unit without precinct
        figures) its votes counted.
    components : tuple of str
        The columns of ``counted``.
    precincts_total : ndarray of float64, (units,)
        The units file's precincts, or the snapshot's where the file has none; NaN where neither.
    """

    label: str
    time: str
    counted: np.ndarray
    reported: np.ndarray
    complete: np.ndarray
    components: tuple[str, ...]
    precincts_total: np.ndarray

    def counted_fraction(self, expected: ArrayLike) -> float:
        """Ballots counted as a fraction of the final ballots of every unit.

        Parameters
        ----------
        expected : array_like of float, (units,)
            Ballots each unit is expected to cast in all.  A complete unit's
            final ballots are its counted ones; no unit's are fewer.

        Returns
        -------
        float
            NaN where an unfinished unit's expected ballots are NaN.
        """
        counted = self.counted.sum(axis=1).astype(np.float64)
        final = np.where(self.complete, counted, np.fmax(counted, expected))
        final = np.where(self.complete | ~np.isnan(expected), final, np.nan)
        total = final.sum()
        return float(counted.sum() / total) if total > 0 else float("nan")


def read_units(path: str | Path) -> Units:
    """Read a units file.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    Units
    """
    first_line, parsed = {}, []
    with table_rows(path, what="units file") as (header, rows):
        _check_header(header, path)
        for line, row in rows:
            unit = _unit(row, f"{path}, line {line}", has_district="district" in header)
            if unit[0] in first_line:
                raise ConfigError(
                    f"{path}, line {line}: unit {unit[0]!r} is listed twice "
                    f"(first on line {first_line[unit[0]]})"
                )
            first_line[unit[0]] = line
            parsed.append(unit)
    require_rows(parsed, path)
    ids, totals, registered, districts, kinds = zip(*parsed, strict=True)
    return Units(
        ids=ids,
        precincts_total=np.array(totals, dtype=np.float64),
        registered=np.array(registered, dtype=np.float64),
        districts=districts if "district" in header else None,
        kinds=kinds,
        source=str(path),
    )


def _check_header(header, path):
    """``region``, at least one size column, and only known columns."""
    refuse_unknown(header, _COLUMNS, f"in {path}")
    if "region" not in header:
        raise ConfigError(f"{path} has no 'region' column (the unit's id)")
    if not any(name in header for name in _SIZES):
        raise ConfigError(
            f"{path} has neither a 'precincts_total' nor a 'registered' column: give one or both"
        )


def _unit(row, place, *, has_district):
    """One unit's id, precincts, registered voters, district and kind."""
    name = row["region"]
    if not name:
        raise ConfigError(f"{place}: the unit's region id is empty")
    total = optional_count(row.get("precincts_total"), key=f"{place}, precincts_total")
    registered = optional_count(row.get("registered"), key=f"{place}, registered")
    if total == 0:
        raise ConfigError(f"{place}, precincts_total must be at least 1, got 0")
    if registered == 0:
        raise ConfigError(f"{place}, registered must be at least 1, got 0")
    if np.isnan(total) and np.isnan(registered):
        raise ConfigError(f"{place}: unit {name!r} gives neither precincts_total nor registered")
    district = row.get("district", "")
    if has_district and not district:
        raise ConfigError(f"{place}: unit {name!r} has an empty district")
    return name, total, registered, district, row.get("kind", "")


def align_snapshot(snapshot: Snapshot, units: Units) -> UnitCount:
    """Read a snapshot against every unit: units it does not list have counted nothing.

    Parameters
    ----------
    snapshot : Snapshot
    units : Units

    Returns
    -------
    UnitCount
    """
    where = f"snapshot {snapshot.label!r}"
    counted = np.zeros((len(units.ids), len(snapshot.components)), dtype=np.int64)
    reported = np.zeros(len(units.ids))
    precincts_total = units.precincts_total.copy()
    for row, name in enumerate(snapshot.regions):
        index = _unit_index(name, units, where)
        counted[index] = snapshot.counted[row]
        total, done = _precincts(snapshot, row, units, index, where)
        precincts_total[index] = total
        reported[index] = 0.0 if np.isnan(done) and not counted[index].any() else done
    no_figures = np.isnan(reported) & np.isnan(precincts_total)
    complete = (reported == precincts_total) | (no_figures & (counted.sum(axis=1) > 0))
    return UnitCount(
        label=snapshot.label,
        time=snapshot.time,
        counted=counted,
        reported=reported,
        complete=complete,
        components=tuple(snapshot.components),
        precincts_total=precincts_total,
    )


def _unit_index(name, units, where):
    """The index of a snapshot's region among the units; an error if it is not one."""
    index = units.position.get(name)
    if index is None:
        hint = did_you_mean(name, units.ids)
        raise ConfigError(f"{where}: region {name!r} is not in the units file {units.source}{hint}")
    return index


def _precincts(snapshot, row, units, index, where):
    """A unit's precincts in all and reported (NaN: not given), checked against the units file."""
    name = units.ids[index]
    given_total = snapshot.sizes["precincts_total"][row]
    given_reported = snapshot.sizes["precincts_reported"][row]
    total = units.precincts_total[index]
    if not np.isnan(given_total) and not np.isnan(total) and given_total != total:
        raise ConfigError(
            f"{where}: unit {name!r} has precincts_total {given_total:.0f}, but "
            f"{total:.0f} in the units file {units.source}"
        )
    if np.isnan(total):
        total = given_total
    if np.isnan(given_reported):
        return total, np.nan
    if np.isnan(total):
        raise ConfigError(
            f"{where}: unit {name!r} gives precincts_reported ({given_reported:.0f}), but "
            f"neither the snapshot nor the units file {units.source} gives its precincts_total"
        )
    if given_reported > total:
        raise ConfigError(
            f"{where}: unit {name!r} reports {given_reported:.0f} precincts, "
            f"more than its precincts_total ({total:.0f})"
        )
    return total, given_reported


def count_corrections(snapshots: Sequence[Snapshot], units: Units) -> list[str]:
    """Warnings for every unit whose count went down from one snapshot to the next.

    Precincts reported are compared where both snapshots give them; the
    votes counted otherwise, and also where the precincts did not go down.

    Parameters
    ----------
    snapshots : sequence of Snapshot
        In time order.
    units : Units

    Returns
    -------
    list of str
        One warning per unit and snapshot, in snapshot then unit order.
    """
    counts = [align_snapshot(snapshot, units) for snapshot in snapshots]
    return [
        warning
        for before, after in itertools.pairwise(counts)
        for index, name in enumerate(units.ids)
        if (warning := _correction(before, after, index, name))
    ]


def _correction(before, after, index, name):
    """The warning for one unit between two counts, or None."""
    where = f"snapshot {after.label!r}: unit {name!r}"
    old, new = before.reported[index], after.reported[index]
    if new < old:  # False where either is NaN
        return f"{where} precincts reported went down from {old:.0f} to {new:.0f} (a correction)"
    old, new = before.counted[index].sum(), after.counted[index].sum()
    if new < old:
        return f"{where} votes counted went down from {old} to {new} (a correction)"
    return None


def units_never_seen(snapshots: Sequence[Snapshot], units: Units) -> tuple[str, ...]:
    """The ids of units that appear in no snapshot, in file order.

    Parameters
    ----------
    snapshots : sequence of Snapshot
    units : Units

    Returns
    -------
    tuple of str
    """
    seen = {name for snapshot in snapshots for name in snapshot.regions}
    return tuple(name for name in units.ids if name not in seen)
