"""District draws: a national swing that every district shares, plus district noise.

In district *d*, component *j* (parties, then no-seat options) gets the weight

    w[d, j] = p[d, j] * exp(e[j] + s * z[d, j])

where ``p[d, j]`` is its share of the district's ballots, ``e`` is one draw
of the national logit-normal noise (``sd``, ``correlation``, ``systematic``,
exactly as :mod:`seatcast.models.logit_normal` draws it) and ``z`` are
independent standard normals scaled by ``district_sd``.  A party's fortunes
therefore move together across districts, as in real elections (uniform
swing on the log scale), while each district keeps some noise of its own.
A party that did not run in a district gets no votes there in any draw,
and takes no normal there.

The weights of district *d* are then scaled to its observed ballots ``N[d]``
(turnout is held), so a draw is in votes: the national sums that a national
threshold reads weigh each district by its size, as the real count does.

``district_sd`` defaults to the national sd (the mean of the components'
sds when they differ).  A draw is written district by district: the row of
one draw holds district 0's components, then district 1's, and so on.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, NamedTuple

import numpy as np
from numba import njit

from seatcast.engine.errors import ConfigError
from seatcast.engine.kernels.exponential import exp_in_place
from seatcast.engine.kernels.normals import fill_block_normals
from seatcast.engine.kernels.options import BORROWED, JIT
from seatcast.models.components import component_names
from seatcast.models.contract import DrawsShares
from seatcast.models.logit_normal import (
    LogitNormalModel,
    LogitNormalParams,
    draw_log_weights,
    read_logit_normal,
)
from seatcast.models.values import NUMBER, spread

if TYPE_CHECKING:
    from seatcast.engine.config.table import Table
    from seatcast.engine.rules.ballots import Ballots
    from seatcast.engine.rules.districts import Districts


class DistrictSwingParams(NamedTuple):
    """What the kernel reads.

    Parameters
    ----------
    swing : LogitNormalParams
        The national noise, centred on zero (``log_centre`` all zeros).
    log_centre : ndarray of float64, (districts, components)
        ``log(p[d, j])`` (``-inf`` where a component has no votes).
    ballots : ndarray of float64, (districts,)
        Each district's observed ballots ``N[d]``.
    district_sd : float
    standing : ndarray of int64
        Positions in a draw's row (district by district) of the components
        that stand, the only ones that take a normal.
    component : ndarray of int64
        Which component each entry of ``standing`` is.
    """

    swing: LogitNormalParams
    log_centre: np.ndarray
    ballots: np.ndarray
    district_sd: float
    standing: np.ndarray
    component: np.ndarray


@njit(**JIT)
def draw_district_swing(params, rng, start, out):
    """Write one draw of all districts' weights into each row of ``out``.

    Per row the national noise is drawn from ``rng``; then the district
    noise of the whole block comes from a stream seeded from ``rng``
    (:func:`~seatcast.engine.kernels.normals.fill_block_normals`): per row,
    one normal per district and component that stands there, district by
    district.  The log weights of the lists that stand, of the whole block,
    are then exponentiated together, and each district's weights scaled to
    its ballots.
    """
    swing = np.empty((out.shape[0], params.log_centre.shape[1]))
    for row in range(out.shape[0]):
        draw_log_weights(params.swing, rng, swing, row)
    weights = np.empty(params.standing.size * out.shape[0])
    fill_block_normals(rng, weights)
    _log_weights(params, swing, weights)
    exp_in_place(weights)
    _place(params.standing, weights, out)
    _scale_to_ballots(params.ballots, out)


@njit(**BORROWED)
def _log_weights(params, swing, weights):
    """Turn ``weights`` (normals, row after row, one per standing entry) into log weights."""
    log_centre = params.log_centre.reshape(params.log_centre.size)
    standing, component, sd = params.standing, params.component, params.district_sd
    n_standing = standing.size
    for row in range(swing.shape[0]):
        offset = row * n_standing
        for k in range(n_standing):
            centre = log_centre[standing[k]] + swing[row, component[k]]
            weights[offset + k] = centre + sd * weights[offset + k]


@njit(**BORROWED)
def _place(standing, weights, out):
    """Each row of ``out``: the weights of the standing entries, 0 where a list did not stand."""
    n_standing = standing.size
    for row in range(out.shape[0]):
        for i in range(out.shape[1]):
            out[row, i] = 0.0
        offset = row * n_standing
        for k in range(n_standing):
            out[row, standing[k]] = weights[offset + k]


@njit(**BORROWED)
def _scale_to_ballots(ballots, out):
    """Scale each district of each row of ``out`` to its ballots."""
    n_components = out.shape[1] // ballots.shape[0]
    for row in range(out.shape[0]):
        for d in range(ballots.shape[0]):
            first = d * n_components
            total = 0.0
            for j in range(n_components):
                total += out[row, first + j]
            scale = ballots[d] / total
            for j in range(n_components):
                out[row, first + j] *= scale


@dataclass(frozen=True, eq=False)
class DistrictSwingModel(DrawsShares):
    """National swing plus district noise around each district's observed shares.

    Parameters
    ----------
    names : tuple of str
        Components: parties, then no-seat options.
    counts : ndarray of float64, (districts, components)
        Each district's observed votes; no district may be empty.
    swing : LogitNormalModel
        The national noise; its shares are not used.
    district_sd : float
        Standard deviation of the district noise on the log scale.
    """

    names: tuple[str, ...]
    counts: np.ndarray
    swing: LogitNormalModel
    district_sd: float
    kind: ClassVar[str] = "logit-normal"

    def __post_init__(self) -> None:
        counts = np.array(self.counts, dtype=np.float64)
        if counts.ndim != 2 or counts.shape[1] != len(self.names):
            raise ConfigError(f"district votes must be districts x {len(self.names)}")
        if not np.all(np.isfinite(counts)) or np.any(counts < 0):
            raise ConfigError("district votes must be finite and non-negative")
        if np.any(counts.sum(axis=1) <= 0):
            raise ConfigError("every district must have votes")
        object.__setattr__(self, "counts", counts)
        sd = self.district_sd
        if not np.isfinite(sd) or sd < 0:
            raise ConfigError(f"model.district_sd must be a non-negative number, got {sd}")

    @property
    def n_districts(self) -> int:
        """Districts in a draw."""
        return self.counts.shape[0]

    @property
    def ballots(self) -> np.ndarray:
        """Each district's observed ballots, ``N[d]``."""
        return self.counts.sum(axis=1)

    @property
    def shares(self) -> np.ndarray:
        """Each district's observed shares, ``p[d, j]``; rows sum to one."""
        return self.counts / self.ballots[:, None]

    def kernel_params(self) -> DistrictSwingParams:
        """The :class:`DistrictSwingParams` for the kernels."""
        swing = self.swing.kernel_params()
        with np.errstate(divide="ignore"):
            log_centre = np.log(self.shares)
        standing = np.flatnonzero(log_centre > -np.inf).astype(np.int64)
        return DistrictSwingParams(
            swing=swing._replace(log_centre=np.zeros_like(swing.log_centre)),
            log_centre=np.ascontiguousarray(log_centre),
            ballots=np.ascontiguousarray(self.ballots),
            district_sd=float(self.district_sd),
            standing=standing,
            component=standing % log_centre.shape[1],
        )

    def describe(self) -> str:
        """One line for summaries and provenance."""
        national = self.swing.describe().removeprefix("logit-normal, ")
        return (
            f"logit-normal national swing ({national}) plus district noise "
            f"sd {self.district_sd:g}, {self.n_districts} districts"
        )


def district_counts(districts: "Districts") -> np.ndarray:
    """Each district's votes, parties then no-seat options.

    Parameters
    ----------
    districts : Districts

    Returns
    -------
    ndarray of float64, (districts, components)

    Raises
    ------
    ConfigError
        If a district has no votes at all.
    """
    counts = np.array(
        [
            list(votes) + list(others)
            for votes, others in zip(districts.votes, districts.other_votes, strict=True)
        ],
        dtype=np.float64,
    )
    empty = np.flatnonzero(counts.sum(axis=1) == 0)
    if empty.size:
        raise ConfigError(f"district {districts.names[empty[0]]!r} has no votes")
    return counts


def read_model(table: "Table", ballots: "Ballots", districts: "Districts") -> DistrictSwingModel:
    """A :class:`DistrictSwingModel` from a logit-normal ``[model]`` table and ``[districts]``.

    The table's ``sd`` (or ``covariance``) is the national swing; ``district_sd``
    defaults to the swing's mean sd.

    Parameters
    ----------
    table : seatcast.engine.config.table.Table
    ballots : seatcast.engine.rules.ballots.Ballots
    districts : seatcast.engine.rules.districts.Districts

    Returns
    -------
    DistrictSwingModel
    """
    names = component_names(ballots)
    district_sd = table.take("district_sd", NUMBER, None)
    swing = read_logit_normal(table, names, np.full(len(names), 1 / len(names)))
    if district_sd is None:
        district_sd = float(np.sqrt(np.diag(swing.covariance)).mean())
    else:
        district_sd = spread(district_sd, table.label("district_sd"))
    return DistrictSwingModel(names, district_counts(districts), swing, district_sd)
