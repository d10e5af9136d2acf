"""What is known of every counting unit before the night, as regression covariates.

Each unit gets one row of covariates, the same for every snapshot of the night:

- the previous election's shares of every previous party (the previous
  parties' own names: they need not match this election's), and the log of
  the previous ballots per unit of size (previous turnout);
- ``no_previous``: 1 for a unit with no previous row (a new unit, votes
  abroad by country), whose previous shares and turnout are then the
  previous national ones;
- one indicator per ``kind`` and per district, when there are several;
- the log of the unit's size.

Every column but the intercept is standardised over all units, so one ridge
penalty weighs them alike.  A unit's *size* is its registered voters; a unit
without them is sized at its precincts times the median registered voters per
precinct of the units that give both (or by precincts alone when none gives
registered voters).

Each component of this election also gets an *offset*: the summed previous
shares of the previous parties it continues (the same name, or the lists a
``previous_parties`` hint names).  The fit is regularised towards the offset
plus a common shift (a uniform swing), so a party that continues a previous
one starts the night on its previous map, and a new party on a flat share.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.models.previous import PreviousResult
from seatcast.models.units import Units


@dataclass(frozen=True, eq=False)
class Design:
    """Covariates and offsets of every unit.

    Parameters
    ----------
    matrix : ndarray of float64, (units, columns)
        Column 0 is the intercept; the others are standardised.
    columns : tuple of str
        Names of the columns, for descriptions.
    share_offset : ndarray of float64, (units, components)
        Previous shares of the previous parties each component continues.
    turnout_offset : ndarray of float64, (units,)
        Log of the previous ballots per unit of size (the previous national
        value where a unit has no previous ballots).
    size : ndarray of float64, (units,)
        Registered voters, or their stand-in (see the module docstring).
    has_previous : ndarray of bool, (units,)
    """

    matrix: np.ndarray
    columns: tuple[str, ...]
    share_offset: np.ndarray
    turnout_offset: np.ndarray
    size: np.ndarray
    has_previous: np.ndarray


def build_design(
    units: Units,
    components: Sequence[str],
    previous: PreviousResult | None = None,
    hints: Mapping[str, Sequence[str]] | None = None,
) -> Design:
    """The covariates of every unit.

    Parameters
    ----------
    units : Units
    components : sequence of str
        This election's parties, then no-seat options.
    previous : PreviousResult, optional
    hints : mapping of str to sequence of str, optional
        ``previous_parties``: which previous parties each component continues
        (by default a previous party of the same name).

    Returns
    -------
    Design
    """
    size = unit_size(units)
    n_units = len(units.ids)
    columns, names = [], []
    if previous is not None:
        position = {region: index for index, region in enumerate(previous.regions)}
        rows = np.array([position.get(unit, -1) for unit in units.ids], dtype=np.int64)
        has_previous = rows >= 0
        shares, log_turnout = _previous_shares(previous, rows, size)
        for k, party in enumerate(previous.parties):
            columns.append(shares[:, k])
            names.append(f"previous {party}")
        columns.append(log_turnout)
        names.append("previous turnout")
        offset = _offsets(previous, components, shares, hints)
    else:
        has_previous = np.zeros(n_units, dtype=bool)
        log_turnout = np.zeros(n_units)
        offset = np.zeros((n_units, len(components)))
        if hints:
            raise ConfigError("nowcast.previous_parties needs nowcast.previous")
    if previous is not None and not has_previous.all():
        columns.append((~has_previous).astype(np.float64))
        names.append("no previous")
    for label, values in (("kind", units.kinds), ("district", units.districts)):
        if values is None:
            continue
        levels = sorted(set(values))
        if len(levels) > 1:
            for level in levels:
                columns.append(np.array([value == level for value in values], dtype=np.float64))
                names.append(f"{label} {level}")
    columns.append(np.log(size))
    names.append("log size")
    matrix = np.column_stack([np.ones(n_units), *(_standardise(column) for column in columns)])
    return Design(
        matrix=matrix,
        columns=("intercept", *names),
        share_offset=offset,
        turnout_offset=log_turnout,
        size=size,
        has_previous=has_previous,
    )


def unit_size(units: Units) -> np.ndarray:
    """Registered voters of every unit, or a stand-in from its precincts."""
    registered, precincts = units.registered, units.precincts_total
    both = ~np.isnan(registered) & ~np.isnan(precincts)
    if np.isnan(registered).all():
        return precincts.astype(np.float64)
    per_precinct = np.median(registered[both] / precincts[both]) if both.any() else np.nan
    size = np.where(np.isnan(registered), precincts * per_precinct, registered)
    missing = np.flatnonzero(np.isnan(size) | (size <= 0))
    if missing.size:
        raise ConfigError(
            f"{units.source}: unit {units.ids[missing[0]]!r} has no registered voters, and no "
            "unit gives both registered voters and precincts to size it by its precincts"
        )
    return size


def _previous_shares(previous, rows, size):
    """Previous shares and log previous turnout of every unit (national ones where missing)."""
    votes = np.where(rows[:, None] >= 0, previous.votes[np.maximum(rows, 0)], 0.0)
    ballots = np.where(rows >= 0, previous.ballots[np.maximum(rows, 0)], np.nan)
    ballots = np.where(np.isnan(ballots), votes.sum(axis=1), ballots)
    totals = votes.sum(axis=1)
    national = votes.sum(axis=0)
    if national.sum() <= 0:
        raise ConfigError(
            f"{previous.source}: no unit of the night has previous votes: are the region ids "
            "the units file's?"
        )
    national = national / national.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals[:, None] > 0, votes / totals[:, None], national)
        log_turnout = np.log(ballots / size)
    known = (rows >= 0) & np.isfinite(log_turnout)
    if not known.any():
        raise ConfigError(
            f"{previous.source}: no unit of the night has previous ballots above zero"
        )
    log_turnout[~known] = np.average(log_turnout[known], weights=size[known])
    return shares, log_turnout


def _offsets(previous, components, shares, hints):
    """Each component's summed previous shares of the previous parties it continues."""
    hints = dict(hints or {})
    unknown = [name for name in hints if name not in components]
    if unknown:
        raise ConfigError(_unknown("nowcast.previous_parties", unknown[0], components, "party"))
    offset = np.zeros((shares.shape[0], len(components)))
    for j, name in enumerate(components):
        sources = hints.get(name, [name] if name in previous.parties else [])
        for source in sources:
            if source not in previous.parties:
                raise ConfigError(
                    _unknown(
                        f"nowcast.previous_parties.{name}",
                        source,
                        previous.parties,
                        f"party of {previous.source}",
                    )
                )
            offset[:, j] += shares[:, previous.parties.index(source)]
    return offset


def _unknown(key, name, known, what):
    hint = did_you_mean(name, known)
    return f"{key}: {name!r} is not a {what}{hint}"


def _standardise(column):
    spread = column.std()
    return (column - column.mean()) / spread if spread > 0 else np.zeros_like(column)
