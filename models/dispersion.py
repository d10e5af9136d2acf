"""How uncertain the votes still to count are: the settings of an election-night model.

Apart from the models themselves, so that reading a config's ``[nowcast]``
section does not import numba.
"""

from dataclasses import dataclass, fields, replace
from typing import Self

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.models.snapshots import PrecinctSpread


@dataclass(frozen=True)
class Dispersion:
    """How uncertain the votes still to count are; every figure is overridable.

    Parameters
    ----------
    precinct_sd : float
        Sd of a precinct's log shares around its region's mean (0.35: a party
        at 20 % in a region typically polls 14–28 % in its precincts).
    late_sd : float
        Sd of the shift, per region, between counted and uncounted ballots
        (log scale).
    swing_sd : float
        Sd of the shift common to every region (log scale).
    prior_sd : float
        Sd of a region's log shares around its prior before anything is
        counted, independently of other regions.
    prior_swing_sd : float
        Sd of a shift shared by every region that leans on its prior: the
        regions counted first are rarely a fair sample of the rest (rural
        regions report first).  It enters each region in proportion to the
        weight of its prior.
    precinct_ballots : float
        Ballots in a typical precinct, to turn ballots into precinct counts
        where precincts are not given.
    precinct_ballots_cv : float
        Coefficient of variation of ballots per precinct: how far the ballots
        still to count can stray from (ballots per precinct) x (precincts left).
    late_size_sd : float
        Relative sd of how far the precincts still to count differ in size
        from those counted (late precincts are often bigger city precincts).
    size_sd : float
        Relative sd of a region's ballots left when it has reported nothing
        and gives no ``expected`` or ``registered`` figure.
    """

    precinct_sd: float = 0.35
    late_sd: float = 0.03
    swing_sd: float = 0.08
    prior_sd: float = 0.3
    prior_swing_sd: float = 0.3
    precinct_ballots: float = 1000.0
    precinct_ballots_cv: float = 0.5
    late_size_sd: float = 0.1
    size_sd: float = 0.3

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not np.isfinite(value) or value < 0 or (value == 0 and item.name in _POSITIVE):
                size = "a positive" if item.name in _POSITIVE else "a non-negative"
                raise ConfigError(f"nowcast.{item.name} must be {size} number, got {value}")

    def measured(self, spread: PrecinctSpread | None) -> Self:
        """These settings with the precinct figures measured from precinct rows."""
        if spread is None:
            return self
        return replace(
            self,
            precinct_sd=spread.log_share_sd,
            precinct_ballots=spread.ballots,
            precinct_ballots_cv=spread.ballots_cv,
        )


#: Dispersion settings that divide, so cannot be zero.
_POSITIVE = ("precinct_sd", "prior_sd", "precinct_ballots")
