"""Dirichlet model: shares ~ Dirichlet(concentration x observed shares).

The concentration sets how tightly draws cluster around the observed
shares: a share ``p`` has variance ``p (1 - p) / (concentration + 1)``.  A
poll of ``n`` respondents has sampling variance ``p (1 - p) / n``, so an
effective sample size ``n`` means a concentration of ``n - 1``.  Draws are
built from independent gammas (numba's Generator has ``gamma`` but not
``dirichlet``); a component with no votes stays at zero.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Self

import numpy as np
from numba import njit
from numpy.typing import ArrayLike

from seatcast.engine.errors import ConfigError
from seatcast.models.components import (
    central_shares,
    check_shares,
    component_names,
    positive_number,
)
from seatcast.models.contract import DrawsShares
from seatcast.models.values import NUMBER

if TYPE_CHECKING:
    from seatcast.engine.config.table import Table
    from seatcast.engine.rules.ballots import Ballots


class DirichletParams(NamedTuple):
    """What the kernel reads: one gamma shape per component (0: always zero)."""

    alpha: np.ndarray


@njit(nogil=True, cache=True, error_model="numpy")
def draw_dirichlet(params, rng, start, out):
    """Write one draw of unnormalised Dirichlet weights into each row of ``out``."""
    alpha = params.alpha
    for row in range(out.shape[0]):
        for i in range(out.shape[1]):
            out[row, i] = rng.gamma(alpha[i]) if alpha[i] > 0.0 else 0.0


@dataclass(frozen=True, eq=False)
class DirichletModel(DrawsShares):
    """Dirichlet uncertainty around observed shares.

    Parameters
    ----------
    names : tuple of str
        Components: parties, then no-seat options.
    shares : ndarray of float64
        Observed shares, summing to one.
    concentration : float
        Sum of the Dirichlet parameters; larger is tighter.
    """

    names: tuple[str, ...]
    shares: np.ndarray
    concentration: float
    kind: ClassVar[str] = "dirichlet"

    def __post_init__(self) -> None:
        object.__setattr__(self, "shares", check_shares(self.names, self.shares))
        positive_number(self.concentration, "model.concentration")

    @classmethod
    def from_sample_size(
        cls, names: tuple[str, ...], shares: ArrayLike, sample_size: float | Decimal
    ) -> Self:
        """The Dirichlet whose share variances match a poll of ``sample_size`` respondents."""
        n = positive_number(sample_size, "model.sample_size")
        if n <= 1:
            raise ConfigError(f"model.sample_size must be more than 1, got {sample_size}")
        return cls(names, shares, n - 1.0)

    def kernel_params(self) -> DirichletParams:
        """The :class:`DirichletParams` for the kernels."""
        return DirichletParams(alpha=self.concentration * self.shares)

    def describe(self) -> str:
        """One line for summaries and provenance."""
        return f"dirichlet, concentration {self.concentration:g}"


def read_model(table: "Table", ballots: "Ballots", base_dir: Path) -> DirichletModel:
    """A :class:`DirichletModel` from a ``[model]`` table: ``concentration`` or ``sample_size``.

    Parameters
    ----------
    table : seatcast.engine.config.table.Table
    ballots : seatcast.engine.rules.ballots.Ballots
        The config's votes: the components and the shares to centre on.
    base_dir : Path
        Unused: the model reads no file.

    Returns
    -------
    DirichletModel
    """
    names, shares = component_names(ballots), central_shares(ballots)
    concentration = table.take("concentration", NUMBER, None)
    sample_size = table.take("sample_size", NUMBER, None)
    if (concentration is None) == (sample_size is None):
        raise ConfigError("give model.concentration or model.sample_size (one of the two)")
    if sample_size is not None:
        return DirichletModel.from_sample_size(names, shares, sample_size)
    return DirichletModel(
        names, shares, positive_number(concentration, table.label("concentration"))
    )
