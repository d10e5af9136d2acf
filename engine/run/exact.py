"""The exact allocation of official counts under every rule a config sweeps and every scenario.

``seatcast allocate`` of a config with a ``[sweep]`` or ``[[scenarios]]``:
the counts allocated exactly (integer votes, fractions) once per point and
scenario, for :mod:`seatcast.engine.report.allocation_sweep` and
:mod:`seatcast.engine.report.allocation_scenarios` to print.
"""

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from seatcast.engine.errors import AllocationError

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.engine.rules.allocation import Allocation
    from seatcast.engine.rules.methods import DivisorMethod, QuotaMethod


@dataclass(frozen=True)
class SweepPoint:
    """One combination of swept rules and its exact allocation.

    Parameters
    ----------
    threshold : Fraction
    method : DivisorMethod or QuotaMethod
    n_seats : int
    allocation : Allocation or None
        ``None`` when the rules cannot allocate these counts.
    error : str
        Why not, when ``allocation`` is ``None``.
    """

    threshold: Fraction
    method: "DivisorMethod | QuotaMethod"
    n_seats: int
    allocation: "Allocation | None" = None
    error: str = ""


def allocate_sweep(config: "Config") -> list[SweepPoint]:
    """Allocate the config's counts exactly at every point of its sweep.

    Parameters
    ----------
    config : Config
        With a ``sweep`` that sweeps at least one rule.

    Returns
    -------
    list of SweepPoint
        Thresholds outermost, then methods, then seat counts.
    """
    points = []
    for (threshold, method, n_seats), system in config.sweep.systems(config.system):
        try:
            allocation = system.allocate(config.ballots)
        except AllocationError as error:
            points.append(SweepPoint(threshold, method, n_seats, error=str(error)))
        else:
            points.append(SweepPoint(threshold, method, n_seats, allocation))
    return points


@dataclass(frozen=True)
class ScenarioAllocation:
    """One scenario's exact allocation, its sweep's points, or why it has none.

    Parameters
    ----------
    name : str
    config : Config
        The scenario's config.
    allocation : Allocation or None
    points : list of SweepPoint or None
        With a sweep: one per point, instead of ``allocation``.
    error : str
        Why the rules cannot allocate these counts, when they cannot.
    """

    name: str
    config: "Config"
    allocation: "Allocation | None" = None
    points: list[SweepPoint] | None = None
    error: str = ""


def allocate_scenarios(config: "Config") -> list[ScenarioAllocation]:
    """Allocate every scenario of a batch exactly; a failure is kept, not raised.

    Parameters
    ----------
    config : Config
        With ``[[scenarios]]``.

    Returns
    -------
    list of ScenarioAllocation
    """
    results = []
    for scenario in config.scenarios:
        name, each = scenario.name, scenario.config
        if each.sweep.dims:
            results.append(ScenarioAllocation(name, each, points=allocate_sweep(each)))
            continue
        try:
            allocation = each.system.allocate(each.ballots)
        except AllocationError as error:
            results.append(ScenarioAllocation(name, each, error=str(error)))
        else:
            results.append(ScenarioAllocation(name, each, allocation))
    return results
