"""The ``[nowcast]`` section of an election-night config.

Layout::

    [nowcast]
    parties = ["Amanat", "Auyl", ...]     # the vote columns that win seats, in list order
    others = ["Against all"]              # vote columns that win no seats
    snapshots = "night/counts.csv"        # optional: a snapshot, a series, or a folder
    previous = "night/2021.csv"           # optional: a previous result by region (a prior)
    precinct_sd = 0.35                    # optional: any field of Dispersion
    ...

Paths are relative to the config.  The votes come from the snapshots, so a
nowcast config has no ``[votes]``, ``[shares]`` or ``[model]``.
"""

from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path

from seatcast.engine.errors import ConfigError
from seatcast.models.nowcast import Dispersion
from seatcast.models.snapshots import read_snapshots

DISPERSION_KEYS = tuple(f.name for f in fields(Dispersion))

#: Keys ``[nowcast]`` accepts.
NOWCAST_KEYS = ("parties", "others", "snapshots", "previous", *DISPERSION_KEYS)


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
    """

    parties: tuple
    others: tuple
    snapshots: Path | None
    previous: Path | None
    dispersion: Dispersion

    @property
    def components(self):
        """Parties, then no-seat options: the vote columns of a snapshot."""
        return self.parties + self.others

    def read(self, path=None):
        """The snapshots at ``path``, or the ones the config names.

        Returns
        -------
        list of Snapshot
        """
        path = path or self.snapshots
        if path is None:
            raise ConfigError("no snapshots given: name them, or set nowcast.snapshots")
        return read_snapshots(path, self.components)

    def read_previous(self):
        """The previous result by region, as a Snapshot, or None."""
        if self.previous is None:
            return None
        (previous, *more) = read_snapshots(self.previous, self.components)
        if more:
            raise ConfigError(
                f"nowcast.previous must hold one result, not a series: {self.previous}"
            )
        return previous


def read_nowcast(table, base_dir):
    """Read ``[nowcast]``.

    Parameters
    ----------
    table : seatcast.engine.config.Table
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
    for key in ("snapshots", "previous"):
        value = table.take(key, str, None)
        paths[key] = None if value is None else base_dir / value
    values = {}
    for key in DISPERSION_KEYS:
        value = table.take(key, (int, Decimal), None)
        if value is not None:
            values[key] = float(value)
    dispersion = Dispersion(**values)
    return NowcastSettings(parties, others, paths["snapshots"], paths["previous"], dispersion)


def _names(values, label):
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(f"{label} must list names as text, got {value!r}")
    return tuple(values)
