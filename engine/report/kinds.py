"""The text summary of any result: one run, a sweep, a scenario batch, a nowcast or a replay."""

from seatcast.engine.report.nowcast import format_nowcast, format_replay
from seatcast.engine.report.scenarios import format_scenario_summary
from seatcast.engine.report.sweep import format_sweep_summary, swept_dims
from seatcast.engine.report.table import format_summary


def result_kind(dataset):
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


def format_result(dataset):
    """The summary of a summarised result, in the form its kind calls for."""
    formats = {
        "replay": format_replay,
        "scenarios": format_scenario_summary,
        "sweep": format_sweep_summary,
        "nowcast": format_nowcast,
        "run": format_summary,
    }
    return formats[result_kind(dataset)](dataset)
