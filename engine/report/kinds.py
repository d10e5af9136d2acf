"""Every kind of result, in one place: how to tell it, its text summary and its figure.

Adding a kind of result: its module in this package with ``format_KIND``
and ``plot_KIND``, a test in :func:`result_kind`, and one entry in
:data:`RESULT_KINDS`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xarray as xr

from seatcast.engine.report.nowcast import format_nowcast, format_replay, plot_replay
from seatcast.engine.report.scenarios import format_scenarios, plot_scenarios
from seatcast.engine.report.seats import format_run, plot_run
from seatcast.engine.report.sweep import format_sweep, plot_sweep, swept_dims


@dataclass(frozen=True)
class ResultKind:
    """How one kind of result reads to people.

    Parameters
    ----------
    format : callable
        ``format(dataset)``: the text summary of a summarised result.
    plot : callable
        ``plot(dataset, path)``: its figure, written as a PNG.
    """

    format: Callable[[xr.Dataset], str]
    plot: Callable[[xr.Dataset, str | Path], None]


#: Every kind of result, by name.
RESULT_KINDS = {
    "run": ResultKind(format_run, plot_run),
    "sweep": ResultKind(format_sweep, plot_sweep),
    "scenarios": ResultKind(format_scenarios, plot_scenarios),
    "nowcast": ResultKind(format_nowcast, plot_run),
    "replay": ResultKind(format_replay, plot_replay),
}


def result_kind(dataset: xr.Dataset) -> str:
    """What a result holds: ``replay``, ``scenarios``, ``sweep``, ``nowcast`` or ``run``."""
    if "snapshot" in dataset.dims:
        return "replay"
    if "scenario" in dataset.dims:
        return "scenarios"
    if swept_dims(dataset):
        return "sweep"
    if "snapshot" in dataset.attrs:
        return "nowcast"
    return "run"


def format_result(dataset: xr.Dataset) -> str:
    """The text summary of a summarised result, in the form its kind calls for."""
    return RESULT_KINDS[result_kind(dataset)].format(dataset)


def plot_result(dataset: xr.Dataset, path: str | Path) -> None:
    """The figure of a summarised result, in the form its kind calls for, saved as a PNG."""
    RESULT_KINDS[result_kind(dataset)].plot(dataset, path)
