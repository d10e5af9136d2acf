"""The ``[nowcast]`` section of an election-night config.

Layout::

    [nowcast]
    parties = ["Amanat", "Auyl", ...]     # the vote columns that win seats, in list order
    others = ["Against all"]              # vote columns that win no seats
    snapshots = "night/counts.csv"        # optional: a snapshot, a series, or a folder
    units = "night/units.csv"             # optional: every counting unit, known in advance
    previous = "night/2019.csv"           # optional: the previous result by region
    previous_parties = { TD = ["PSL"] }   # optional, with units: the lists a party continues
    precinct_sd = 0.35                    # optional, without units: any field of Dispersion
    ...

Paths are relative to the config.  The votes come from the snapshots, so a
nowcast config has no ``[votes]``, ``[shares]`` or ``[model]``.

With ``units`` the night is projected unit by unit
(:mod:`seatcast.models.unit_nowcast`): ``previous`` then has its own party
columns, wide or long (:mod:`seatcast.models.previous`), and the fit learns
how this election relates to it.  Without ``units`` the regions of the
snapshots are the units (:mod:`seatcast.models.nowcast`) and ``previous``
must have the config's party columns: it is each region's prior.
"""

from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from seatcast.engine.errors import ConfigError
from seatcast.models.dispersion import Dispersion
from seatcast.models.previous import PreviousResult, read_previous
from seatcast.models.snapshots import Snapshot, read_snapshots
from seatcast.models.units import Units, read_units

if TYPE_CHECKING:
    from seatcast.engine.config.table import Table

DISPERSION_KEYS = tuple(f.name for f in fields(Dispersion))

#: Keys ``[nowcast]`` accepts.
NOWCAST_KEYS = (
    "parties",
    "others",
    "snapshots",
    "units",
    "previous",
    "previous_parties",
    *DISPERSION_KEYS,
)


@dataclass(frozen=True)
class NowcastSettings:
    """A validated ``[nowcast]`` section.

    Parameters
    ----------
    parties : tuple of str
    others : tuple of str
    snapshots : Path or None
        Snapshots the config names (``seatcast replay`` runs them all).
    previous : Path or None
    dispersion : Dispersion
    units : Path or None
    previous_parties : dict of str to tuple of str
    """

    parties: tuple[str, ...]
    others: tuple[str, ...]
    snapshots: Path | None
    previous: Path | None
    dispersion: Dispersion
    units: Path | None = None
    previous_parties: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def components(self) -> tuple[str, ...]:
        """Parties, then no-seat options: the vote columns of a snapshot."""
        return self.parties + self.others

    def read(self, path: str | Path | None = None) -> list[Snapshot]:
        """The snapshots at ``path``, or the ones the config names.

        Parameters
        ----------
        path : str or Path, optional

        Returns
        -------
        list of Snapshot
        """
        path = path or self.snapshots
        if path is None:
            raise ConfigError("no snapshots given: name them, or set nowcast.snapshots")
        return read_snapshots(path, self.components)

    def read_units(self) -> Units | None:
        """The units file, or None."""
        return None if self.units is None else read_units(self.units)

    def read_previous(self) -> PreviousResult | Snapshot | None:
        """The previous result by region, or None.

        A :class:`~seatcast.models.previous.PreviousResult` with units, a
        Snapshot with the config's columns without them.
        """
        if self.previous is None:
            return None
        if self.units is not None:
            return read_previous(self.previous)
        (previous, *more) = read_snapshots(self.previous, self.components)
        if more:
            raise ConfigError(
                f"nowcast.previous must hold one result, not a series: {self.previous}"
            )
        return previous


def read_nowcast(table: "Table", base_dir: Path) -> NowcastSettings:
    """Read ``[nowcast]``.

    Parameters
    ----------
    table : seatcast.engine.config.table.Table
        Made with :data:`NOWCAST_KEYS`.
    base_dir : Path
        Directory that relative paths are read from.

    Returns
    -------
    NowcastSettings
    """
    parties = _names(table.take("parties", list), table.label("parties"))
    others = _names(table.take("others", list, []), table.label("others"))
    twice = [
        name for index, name in enumerate(parties + others) if name in (parties + others)[:index]
    ]
    if twice:
        raise ConfigError(f"{twice[0]!r} is listed twice in nowcast.parties and nowcast.others")
    paths = {}
    for key in ("snapshots", "units", "previous"):
        value = table.take(key, str, None)
        paths[key] = None if value is None else base_dir / value
    hints = _previous_parties(table, paths)
    values = {}
    for key in DISPERSION_KEYS:
        value = table.take(key, (int, Decimal), None)
        if value is not None:
            if paths["units"] is not None:
                raise ConfigError(
                    f"{table.label(key)} is a setting of the model without units; with "
                    "nowcast.units the spread comes from the counted units"
                )
            values[key] = float(value)
    dispersion = Dispersion(**values)
    return NowcastSettings(
        parties,
        others,
        paths["snapshots"],
        paths["previous"],
        dispersion,
        units=paths["units"],
        previous_parties=hints,
    )


def _previous_parties(table, paths):
    """``previous_parties``: each party's previous lists, as a dict of tuples."""
    hints = table.take("previous_parties", dict, {})
    if hints and (paths["units"] is None or paths["previous"] is None):
        raise ConfigError(
            f"{table.label('previous_parties')} needs nowcast.units and nowcast.previous"
        )
    result = {}
    for name, sources in hints.items():
        label = f"{table.label('previous_parties')}.{name}"
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not sources:
            raise ConfigError(f'{label} must list previous parties, e.g. ["PSL"]')
        result[name] = _names(sources, label)
    return result


def _names(values, label):
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(f"{label} must list names as text, got {value!r}")
    return tuple(values)
