"""Every model kind in one place: the kinds a ``[model]`` table may name, and every drawer.

Kinds a config names, with their keys (components are the parties, then the
no-seat options)::

    kind = "logit-normal"   sd (number, or a table of one per component),
                            correlation or covariance (matrices in component
                            order), systematic (table: component = loading);
                            with [districts], the national swing, plus
                            district_sd (see :mod:`seatcast.models.district_swing`)
    kind = "dirichlet"      concentration, or sample_size (a poll's respondents)
    kind = "draws"          path (netCDF, relative to the config), variable, group

Every model is centred on the config's ``[votes]`` or ``[shares]``, except
``draws``, which brings its own.  Election-night models are built from the
``[nowcast]`` section instead (:mod:`seatcast.models.nowcast_config`) and
only need a drawer here.

Adding a model kind: a module meeting :class:`~seatcast.models.contract.Model`,
with its kernel parameters, drawer and reader, and one entry in
:data:`MODEL_KINDS` and :data:`DRAWERS`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numba import njit
from numba.extending import overload

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.models import dirichlet, district_swing, draws, logit_normal, nowcast, unit_nowcast
from seatcast.models.contract import Model

if TYPE_CHECKING:
    from seatcast.engine.config.table import Table
    from seatcast.engine.rules.ballots import Ballots
    from seatcast.engine.rules.districts import Districts


#: Draws a model makes per call, in every kernel: small enough to stay in cache.
BLOCK_SIZE = 64


@dataclass(frozen=True)
class ModelKind:
    """A kind of model a ``[model]`` table may name.

    Parameters
    ----------
    keys : tuple of str
        The keys its table accepts, ``kind`` first.
    read : callable
        ``read(table, ballots, base_dir)``: the model, centred on the config's votes.
    read_districts : callable or None
        ``read(table, ballots, districts)``: the model of a config with
        ``[districts]``; None when the kind does not go with districts.
    """

    keys: tuple[str, ...]
    read: "Callable[[Table, Ballots, Path], Model]"
    read_districts: "Callable[[Table, Ballots, Districts], Model] | None" = None


#: The kinds a ``[model]`` table may name.
MODEL_KINDS: dict[str, ModelKind] = {
    "logit-normal": ModelKind(
        ("kind", "sd", "correlation", "covariance", "systematic", "district_sd"),
        logit_normal.read_model,
        district_swing.read_model,
    ),
    "dirichlet": ModelKind(("kind", "concentration", "sample_size"), dirichlet.read_model),
    "draws": ModelKind(("kind", "path", "variable", "group"), draws.read_model),
}

#: Every model's kernel parameters, to the numba function that draws from them.
DRAWERS: dict[type, Callable[..., None]] = {
    dirichlet.DirichletParams: dirichlet.draw_dirichlet,
    logit_normal.LogitNormalParams: logit_normal.draw_logit_normal,
    draws.DrawsParams: draws.draw_from_table,
    district_swing.DistrictSwingParams: district_swing.draw_district_swing,
    nowcast.NowcastParams: nowcast.draw_nowcast,
    unit_nowcast.UnitNowcastParams: unit_nowcast.draw_unit_nowcast,
}


def check_kind(kind: object) -> str:
    """Return ``kind`` if it names a model kind, or raise with the nearest name as a hint."""
    if not isinstance(kind, str) or kind not in MODEL_KINDS:
        hint = did_you_mean(kind, MODEL_KINDS)
        raise ConfigError(f"model.kind must be one of {', '.join(MODEL_KINDS)}, got {kind!r}{hint}")
    return kind


def build_model(
    table: "Table", ballots: "Ballots", base_dir: Path, districts: "Districts | None" = None
) -> Model:
    """Build the model a ``[model]`` table describes.

    Parameters
    ----------
    table : seatcast.engine.config.table.Table
        The ``[model]`` table, made with the keys of its kind.
    ballots : seatcast.engine.rules.ballots.Ballots
        The config's votes: the components and the central shares.
    base_dir : Path
        Directory that relative paths are read from.
    districts : seatcast.engine.rules.districts.Districts, optional
        The config's districts: the model then draws every district.

    Returns
    -------
    Model
    """
    name = check_kind(table.take("kind", str))
    kind = MODEL_KINDS[name]
    if districts is not None:
        if kind.read_districts is None:
            fits = ", ".join(other for other, entry in MODEL_KINDS.items() if entry.read_districts)
            raise ConfigError(
                f"model.kind {name!r} does not go with [districts]: use {fits} "
                "(a national swing plus district noise)"
            )
        return kind.read_districts(table, ballots, districts)
    if "district_sd" in table:
        raise ConfigError("model.district_sd goes with [districts]; this config has none")
    return kind.read(table, ballots, base_dir)


def draw_shares(params: NamedTuple, rng: np.random.Generator, start: int, out: np.ndarray) -> None:
    """Write draws ``start``, ``start + 1``, ... of a model into the rows of ``out``.

    Callable from numba only.  numba picks the model's drawer from
    :data:`DRAWERS` at compile time, by the type of ``params``, so one compiled
    (and cached) chunk kernel exists per model kind, with no indirection per
    draw.  Some models draw the rows of a call side by side, so a chunk's
    draws depend on how it is cut: every kernel, and :func:`draw_block`,
    cuts it into blocks of :data:`BLOCK_SIZE` from its first draw.

    Parameters
    ----------
    params : NamedTuple
        A model's kernel parameters: any type in :data:`DRAWERS`.
    rng : numpy.random.Generator
    start : int
        Number of the first row's draw in the whole run (the draws model
        reads the rows from there).
    out : float64[:, :]
        Written: one row per draw, one weight per component.
    """
    raise TypeError("draw_shares is for numba kernels; call a model's draw function instead")


@overload(draw_shares, jit_options={"nogil": True})
def _draw_shares_for(params, rng, start, out):
    drawer = DRAWERS[params.instance_class]

    def impl(params, rng, start, out):
        drawer(params, rng, start, out)

    return impl


@njit(nogil=True, cache=True)
def draw_block(params, rng, start, n_draws, n_components):
    """Materialise draws ``start`` to ``start + n_draws`` of a model, as a new array.

    For tests, plots of the model and exporting draws: runs never keep them.

    Parameters
    ----------
    params : NamedTuple
        A model's kernel parameters.
    rng : numpy.random.Generator
    start : int
    n_draws : int
    n_components : int

    Returns
    -------
    ndarray of float64, (n_draws, n_components)
        Unnormalised weights, one row per draw: those of a chunk of
        ``n_draws`` draws made with ``rng``.
    """
    out = np.empty((n_draws, n_components))
    for first in range(0, n_draws, BLOCK_SIZE):
        draw_shares(params, rng, start + first, out[first : first + BLOCK_SIZE])
    return out
