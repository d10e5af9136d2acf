"""The vector every model draws: one share per party, then one per no-seat option.

A draw is a vector of non-negative weights over the *components* of the
ballot: the parties in config order, then the options that win no seats
("against all", blank ballots).  Weights need not sum to one: every rule is
scale-free, so kernels skip the normalisation.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from seatcast.engine.errors import ConfigError

if TYPE_CHECKING:
    from seatcast.engine.rules.ballots import Ballots

#: How far given shares may sum from 1.
SHARE_SUM_TOLERANCE = 1e-6


def component_names(ballots: "Ballots") -> tuple[str, ...]:
    """Party names, then no-seat option names, as a model's draws hold them."""
    return tuple(ballots.parties) + tuple(ballots.others)


def central_shares(ballots: "Ballots") -> np.ndarray:
    """The observed share of every component, as float64 summing to one."""
    counts = np.array(tuple(ballots.votes) + tuple(ballots.other_votes), dtype=np.float64)
    total = counts.sum()
    if total <= 0:
        raise ConfigError("the votes are all zero: a model needs shares to centre on")
    return counts / total


def check_shares(names: Sequence[str], shares: ArrayLike) -> np.ndarray:
    """Validate central shares: one per name, finite, non-negative, summing to one.

    Parameters
    ----------
    names : sequence of str
    shares : array_like of float

    Returns
    -------
    ndarray of float64
    """
    shares = np.array(shares, dtype=np.float64)
    if shares.shape != (len(names),):
        raise ConfigError(f"expected {len(names)} shares (one per name), got shape {shares.shape}")
    for name, share in zip(names, shares, strict=True):
        if not np.isfinite(share) or share < 0:
            raise ConfigError(f"share of {name!r} must be a non-negative number, got {share}")
    if abs(shares.sum() - 1.0) > SHARE_SUM_TOLERANCE:
        raise ConfigError(f"shares must sum to 1, but they sum to {shares.sum():.9g}")
    return shares


def positive_number(value: object, label: str) -> float:
    """``value`` as a finite float above zero, or a :class:`ConfigError` naming ``label``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{label} must be a number, got {value!r}") from None
    if not np.isfinite(number) or number <= 0:
        raise ConfigError(f"{label} must be a positive number, got {value}")
    return number
