"""Logit-normal model: normal noise on log shares, optionally correlated and systematic.

A draw is ``exp(log(p) + e)`` per component, where ``e ~ N(0, covariance)``
and, optionally, ``+ z * systematic`` with one standard normal ``z`` shared
by all components: a polling miss that moves every party the same way at
once (loadings of opposite sign for parties that gain and lose together).
The weights are not normalised (every rule is scale-free), so the draw is
the additive log-ratio model of the shares.  ``sd`` is on the log scale:
0.05 is about a 5 % relative error on each share.

Per draw the kernel takes the systematic normal first (when there is one),
then one normal per component, multiplied by the lower Cholesky factor of
the covariance in place; a block of draws is then exponentiated at once.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Self

import numpy as np
from numba import njit
from numpy.typing import ArrayLike

from seatcast.engine.errors import ConfigError
from seatcast.engine.kernels.exponential import exp_in_place
from seatcast.engine.kernels.options import BORROWED, INLINE, JIT
from seatcast.models.components import central_shares, check_shares, component_names
from seatcast.models.contract import DrawsShares
from seatcast.models.values import MAX_SD, NUMBER, matrix, per_component, spread

if TYPE_CHECKING:
    from seatcast.engine.config.table import Table
    from seatcast.engine.rules.ballots import Ballots


class LogitNormalParams(NamedTuple):
    """What the kernel reads.

    Parameters
    ----------
    log_centre : ndarray of float64
        ``log(p)`` per component (``-inf`` for no votes).
    factor : ndarray of float64
        Lower Cholesky factor of the covariance.
    diagonal : bool
        Whether ``factor`` is diagonal (independent noise).
    systematic : ndarray of float64
        Loading of each component on the shared normal.
    has_systematic : bool
    """

    log_centre: np.ndarray
    factor: np.ndarray
    diagonal: bool
    systematic: np.ndarray
    has_systematic: bool


@njit(**JIT)
def draw_logit_normal(params, rng, start, out):
    """Write one draw of unnormalised logit-normal weights into each row of ``out``.

    The log weights of the whole block are drawn first, row by row, then
    exponentiated together (:func:`~seatcast.engine.kernels.exponential.exp_in_place`).
    """
    _draw_log_block(params, rng, out)
    exp_in_place(out.reshape(out.size))


@njit(**BORROWED)
def _draw_log_block(params, rng, out):
    """The log weights of every row of ``out``."""
    for row in range(out.shape[0]):
        draw_log_weights(params, rng, out, row)


@njit(**INLINE)
def draw_log_weights(params, rng, out, row):
    """Write one draw of ``log(p) + e`` (and the systematic term) into row ``row`` of ``out``.

    The systematic normal comes first, when there is one, then one normal
    per component, multiplied by the lower Cholesky factor in place.
    """
    n = out.shape[1]
    factor, log_centre, systematic = params.factor, params.log_centre, params.systematic
    shared = rng.standard_normal() if params.has_systematic else 0.0
    if params.diagonal:
        for i in range(n):
            out[row, i] = factor[i, i] * rng.standard_normal()
    else:
        for i in range(n):
            out[row, i] = rng.standard_normal()
        # e = L z in place, from the last column up: column i reads z[:i + 1],
        # which the columns after it leave untouched.
        for k in range(n):
            i = n - 1 - k
            total = 0.0
            for j in range(i + 1):
                total += factor[i, j] * out[row, j]
            out[row, i] = total
    for i in range(n):
        out[row, i] = log_centre[i] + out[row, i] + shared * systematic[i]


@dataclass(frozen=True, eq=False)
class LogitNormalModel(DrawsShares):
    """Logit-normal uncertainty around observed shares.

    Parameters
    ----------
    names : tuple of str
        Components: parties, then no-seat options.
    shares : ndarray of float64
        Observed shares, summing to one.
    covariance : ndarray of float64
        Covariance of the log-scale noise, components x components, positive definite.
    systematic : ndarray of float64, optional
        Loading of each component on one shared standard normal.
    """

    names: tuple[str, ...]
    shares: np.ndarray
    covariance: np.ndarray
    systematic: np.ndarray | None = None
    kind: ClassVar[str] = "logit-normal"

    def __post_init__(self) -> None:
        n = len(self.names)
        object.__setattr__(self, "shares", check_shares(self.names, self.shares))
        covariance = _square(self.covariance, n, "model.covariance")
        if not np.allclose(covariance, covariance.T, rtol=0, atol=1e-12):
            raise ConfigError("model.covariance must be symmetric")
        object.__setattr__(self, "covariance", covariance)
        systematic = np.zeros(n) if self.systematic is None else np.array(self.systematic, float)
        if systematic.shape != (n,) or not np.all(np.isfinite(systematic)):
            raise ConfigError(f"model.systematic must give {n} finite loadings")
        object.__setattr__(self, "systematic", systematic)
        self.kernel_params()  # the Cholesky factorisation checks positive definiteness

    @classmethod
    def from_sd(
        cls,
        names: tuple[str, ...],
        shares: ArrayLike,
        sd: ArrayLike,
        correlation: ArrayLike | None = None,
        systematic: ArrayLike | None = None,
    ) -> Self:
        """Build the covariance from standard deviations and an optional correlation matrix.

        Parameters
        ----------
        names : tuple of str
        shares : array_like of float
        sd : float or array_like of float
            Log-scale standard deviation, one for all or one per component.
        correlation : array_like of float, optional
            Correlation matrix (independent noise when omitted).
        systematic : array_like of float, optional
        """
        n = len(names)
        sd = np.broadcast_to(np.asarray(sd, dtype=np.float64), (n,))
        for name, value in zip(names, sd, strict=True):
            if not np.isfinite(value) or value < 0:
                raise ConfigError(
                    f"model.sd of {name!r} must be a non-negative number, got {value}"
                )
        if correlation is None:
            correlation = np.eye(n)
        correlation = _square(correlation, n, "model.correlation")
        if not np.allclose(np.diag(correlation), 1.0, rtol=0, atol=1e-12):
            raise ConfigError("model.correlation must have ones on its diagonal")
        if np.any(np.abs(correlation) > 1):
            raise ConfigError("model.correlation entries must lie in [-1, 1]")
        return cls(names, shares, correlation * np.outer(sd, sd), systematic)

    def kernel_params(self) -> LogitNormalParams:
        """The :class:`LogitNormalParams` for the kernels."""
        covariance = self.covariance
        diagonal = not np.any(covariance - np.diag(np.diag(covariance)))
        if diagonal:
            if np.any(np.diag(covariance) < 0):
                raise ConfigError("model.covariance must have non-negative variances")
            factor = np.diag(np.sqrt(np.diag(covariance)))
        else:
            try:
                factor = np.linalg.cholesky(covariance)
            except np.linalg.LinAlgError:
                raise ConfigError(
                    "model.covariance (or sd with correlation) is not positive definite"
                ) from None
        with np.errstate(divide="ignore"):
            log_centre = np.log(self.shares)
        return LogitNormalParams(
            log_centre=log_centre,
            factor=np.ascontiguousarray(factor),
            diagonal=diagonal,
            systematic=self.systematic,
            has_systematic=bool(np.any(self.systematic)),
        )

    def describe(self) -> str:
        """One line for summaries and provenance."""
        sd = np.sqrt(np.diag(self.covariance))
        spread = f"sd {sd[0]:g}" if np.all(sd == sd[0]) else f"sd {sd.min():g}-{sd.max():g}"
        extras = []
        if np.any(self.covariance - np.diag(np.diag(self.covariance))):
            extras.append("correlated")
        if np.any(self.systematic):
            extras.append("systematic error")
        return "logit-normal, " + ", ".join([spread, *extras])


def _square(matrix, n, label):
    try:
        matrix = np.array(matrix, dtype=np.float64)
    except (TypeError, ValueError):
        raise ConfigError(f"{label} must be a {n} x {n} matrix of numbers") from None
    if matrix.shape != (n, n):
        raise ConfigError(f"{label} must be {n} x {n} (one row per party and option)")
    if not np.all(np.isfinite(matrix)):
        raise ConfigError(f"{label} must hold finite numbers")
    return matrix


def read_model(table: "Table", ballots: "Ballots", base_dir: Path) -> LogitNormalModel:
    """A :class:`LogitNormalModel` from a ``[model]`` table centred on the config's votes.

    Parameters
    ----------
    table : seatcast.engine.config.table.Table
        ``sd`` (one number, or one per component) with an optional
        ``correlation``, or ``covariance``; and an optional ``systematic``.
    ballots : seatcast.engine.rules.ballots.Ballots
    base_dir : Path
        Unused: the model reads no file.

    Returns
    -------
    LogitNormalModel
    """
    return read_logit_normal(table, component_names(ballots), central_shares(ballots))


def read_logit_normal(
    table: "Table", names: tuple[str, ...], shares: np.ndarray
) -> LogitNormalModel:
    """A :class:`LogitNormalModel` of ``names`` around ``shares`` from a ``[model]`` table."""
    covariance = table.take("covariance", list, None)
    systematic = table.take("systematic", dict, None)
    if systematic is not None:
        systematic = per_component(systematic, names, table.label("systematic"), default=0.0)
    if covariance is not None:
        for key in ("sd", "correlation"):
            if key in table:
                raise ConfigError(f"give model.covariance or model.sd, not both ({key} given)")
        covariance = matrix(covariance, "model.covariance")
        if np.diag(covariance).max(initial=0.0) > MAX_SD**2:
            raise ConfigError(
                f"model.covariance has a variance of {np.diag(covariance).max():g}; variances "
                f"above {MAX_SD**2:g} (an sd of {MAX_SD:g}) on the log-ratio scale mean nothing"
            )
        return LogitNormalModel(names, shares, covariance, systematic)
    sd = table.take("sd", (*NUMBER, dict))
    if isinstance(sd, dict):
        sd = per_component(sd, names, table.label("sd"))
    else:
        sd = spread(sd, table.label("sd"))
    correlation = table.take("correlation", list, None)
    if correlation is not None:
        correlation = matrix(correlation, "model.correlation")
    return LogitNormalModel.from_sd(names, shares, sd, correlation, systematic)
