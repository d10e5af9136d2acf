"""Draws model: vote-share draws made by another model, read from netCDF and used as they are.

The file holds one variable with a ``party`` dim and a ``draw`` dim (and
optionally ``chain`` in front, as in an ArviZ posterior, read chain by
chain).  Its ``party`` coord must name every party and no-seat option of the
config; the columns are reordered to match.  Rows are weights: they need not
sum to one, but must be finite, non-negative and not all zero.  Draw *i* of
a run is row *i*, so a run can use at most as many draws as the file holds.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Self

import numpy as np
from numba import njit

from seatcast.engine.errors import ConfigError
from seatcast.engine.input_files import note_input
from seatcast.models.components import component_names

if TYPE_CHECKING:
    from seatcast.engine.config.table import Table
    from seatcast.engine.rules.ballots import Ballots


class DrawsParams(NamedTuple):
    """What the kernel reads: the draws, one row per draw."""

    table: np.ndarray


@njit(nogil=True, cache=True, error_model="numpy")
def draw_from_table(params, rng, start, out):
    """Copy the table's rows from ``start`` on into ``out`` (``rng`` is not used)."""
    out[:, :] = params.table[start : start + out.shape[0]]


@dataclass(frozen=True, eq=False)
class DrawsModel:
    """Draws given by the user.

    Parameters
    ----------
    names : tuple of str
        Components: parties, then no-seat options; the table's columns.
    table : ndarray of float64
        Draws x components.
    source : str
        Where the draws came from, for provenance.
    """

    names: tuple[str, ...]
    table: np.ndarray
    source: str = ""
    kind: ClassVar[str] = "draws"
    votes_are_counts: ClassVar[bool] = False

    def __post_init__(self) -> None:
        table = np.ascontiguousarray(self.table, dtype=np.float64)
        if table.ndim != 2 or table.shape[1] != len(self.names):
            raise ConfigError(
                f"draws must be a draws x {len(self.names)} table, got shape {table.shape}"
            )
        if table.shape[0] == 0:
            raise ConfigError(f"no draws in {self.source or 'the table'}")
        bad = ~np.isfinite(table) | (table < 0)
        if bad.any():
            row, column = np.argwhere(bad)[0]
            raise ConfigError(
                f"draw {row} of {self.names[column]!r} must be a non-negative number, "
                f"got {table[row, column]}"
            )
        empty = np.flatnonzero(table.sum(axis=1) == 0)
        if empty.size:
            raise ConfigError(f"draw {empty[0]} has no votes for anyone")
        object.__setattr__(self, "table", table)

    @property
    def n_available(self) -> int:
        """How many draws the table holds."""
        return self.table.shape[0]

    @classmethod
    def from_netcdf(
        cls,
        path: str | Path,
        names: tuple[str, ...],
        *,
        variable: str | None = None,
        group: str | None = None,
    ) -> Self:
        """Read draws from a netCDF file.

        Parameters
        ----------
        path : str or Path
        names : tuple of str
            The config's components, in the order the kernels want them.
        variable : str, optional
            The variable to read; by default the only one with a ``party`` dim.
        group : str, optional
            The netCDF group (``"posterior"`` for ArviZ files); by default the
            root, or ``posterior`` when the root holds no draws.
        """
        import xarray as xr

        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"draws file not found: {path}")
        dataset = _open(xr, path, group)
        if group is None and not _party_variables(dataset):
            dataset.close()
            dataset = _open(xr, path, "posterior")
        with dataset:
            data = _pick_variable(dataset, variable, path)
            table = _as_table(data, names, path)
        return cls(tuple(names), table, source=str(path))

    def kernel_params(self) -> DrawsParams:
        """The :class:`DrawsParams` for the kernels."""
        return DrawsParams(table=self.table)

    def describe(self) -> str:
        """One line for summaries and provenance, with a digest of the draws themselves.

        The digest tells runs on a changed file apart (for checkpoints and
        shards), which its path alone would not.
        """
        digest = hashlib.sha256(self.table.tobytes()).hexdigest()[:16]
        return f"draws from {self.source}, {self.n_available:,} available (sha256 {digest})"


def _open(xr, path, group):
    note_input(path)
    try:
        return xr.open_dataset(path, engine="h5netcdf", group=group)
    except OSError as error:
        where = f" (group {group!r})" if group else ""
        raise ConfigError(f"cannot read draws file {path}{where}: {error}") from None


def _party_variables(dataset):
    return [name for name, data in dataset.data_vars.items() if "party" in data.dims]


def _pick_variable(dataset, variable, path):
    candidates = _party_variables(dataset)
    if variable is None:
        if len(candidates) != 1:
            found = ", ".join(candidates) or "none"
            raise ConfigError(
                f"{path} must hold one variable with a 'party' dim (found: {found}); "
                "name it with model.variable"
            )
        variable = candidates[0]
    if variable not in dataset.data_vars:
        raise ConfigError(f"model.variable {variable!r} is not in {path}")
    return dataset[variable]


def _as_table(data, names, path):
    expected = {"draw", "party"} | ({"chain"} if "chain" in data.dims else set())
    if set(data.dims) != expected:
        raise ConfigError(
            f"{path}: {data.name!r} must have dims (draw, party) or (chain, draw, party), "
            f"got {data.dims}"
        )
    parties = [str(party) for party in data["party"].values] if "party" in data.coords else []
    missing = [name for name in names if name not in parties]
    if missing:
        raise ConfigError(f"{path}: no draws for {', '.join(map(repr, missing))}")
    extra = [party for party in parties if party not in names]
    if extra:
        raise ConfigError(f"{path} has draws for {', '.join(map(repr, extra))}, not in the config")
    order = [dim for dim in ("chain", "draw") if dim in data.dims]
    data = data.sel(party=list(names)).transpose(*order, "party")
    return np.asarray(data.values, dtype=np.float64).reshape(-1, len(names))


def read_model(table: "Table", ballots: "Ballots", base_dir: Path) -> DrawsModel:
    """A :class:`DrawsModel` from a ``[model]`` table: ``path``, ``variable``, ``group``.

    Parameters
    ----------
    table : seatcast.engine.config.table.Table
    ballots : seatcast.engine.rules.ballots.Ballots
        The config's votes: only their components are read.
    base_dir : Path
        The folder a relative ``path`` is read from.

    Returns
    -------
    DrawsModel
    """
    return DrawsModel.from_netcdf(
        base_dir / table.take("path", str),
        component_names(ballots),
        variable=table.take("variable", str, None),
        group=table.take("group", str, None),
    )
