"""Election night: seat probabilities from a snapshot of the count, and replays of a series.

A snapshot's counted votes become the config's ballots (so its rules, list
types and coalitions apply to them; with districts, district by district),
and a nowcast model draws the final votes around them: with
``nowcast.units``, :mod:`seatcast.models.unit_nowcast`, which learns from the
units counted so far; without, :mod:`seatcast.models.nowcast`, whose regions
are the snapshot's.  Every snapshot of a replay is run with the same seed,
draws and chunk size.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from seatcast.engine.errors import ConfigError
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.run.runner import fresh_seed
from seatcast.engine.run.simulate import simulate
from seatcast.models.nowcast import NowcastModel
from seatcast.models.unit_design import build_design
from seatcast.models.unit_nowcast import UnitNowcastModel
from seatcast.models.units import Units, align_snapshot, count_corrections, units_never_seen

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.models.previous import PreviousResult
    from seatcast.models.snapshots import Snapshot
    from seatcast.models.unit_design import Design

#: Bins of the projected-share histograms: 0.01 percentage points each.
SHARE_BINS = 10_000

#: Variables that do not change from one snapshot to the next.
_STATIC = ("seats_held",)

#: Variables of the unit model by kind of unit, stacked on their own.
_BY_KIND = ("kind_counted_fraction", "kind")

#: Attrs of one snapshot's result that become coordinates of a replay.
_PER_SNAPSHOT = ("snapshot", "time", "counted_fraction", "projected_turnout")


def check_nowcast(config: "Config") -> None:
    """Refuse a config that is not an election-night config."""
    if config.nowcast is None:
        raise ConfigError(
            "the config has no [nowcast] section: name the parties and no-seat options "
            "of the snapshots there"
        )


def nowcast(
    config: "Config",
    snapshot: "Snapshot",
    *,
    night: "Night | None" = None,
    seed: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    **options: int | bool | None,
) -> xr.Dataset:
    """Seat probabilities and projected shares from one snapshot.

    Parameters
    ----------
    config : Config
        With a ``[nowcast]`` section.
    snapshot : Snapshot
    night : Night, optional
        What the config knows before the night (read from it by default).
    seed : int, optional
        By default the config's ``[run]`` seed, or a fresh one.
    progress : callable, optional
        Called as ``progress(done, n_draws)`` after each chunk.
    **options
        ``n_draws``, ``chunk_size``, ``threads``: as for
        :func:`~seatcast.engine.run.simulate.simulate`.

    Returns
    -------
    xarray.Dataset
        The usual result plus ``share_count``, ``share_mean`` and
        ``share_quantile`` per component, with ``snapshot``, ``time`` and
        ``counted_fraction`` attrs.
    """
    counted, model = nowcast_inputs(config, snapshot, night)
    result = simulate(
        counted,
        model=model,
        seed=seed,
        progress=progress,
        share_bins=SHARE_BINS,
        **options,
    )
    result.attrs.update(
        snapshot=snapshot.label,
        time=snapshot.time,
        counted_fraction=model.counted_fraction(),
        regions=len(snapshot.regions),
        history=f"{result.attrs['created_at']} seatcast nowcast {config.path or ''} "
        f"(snapshot {snapshot.label})",
    )
    if isinstance(model, UnitNowcastModel):
        _add_unit_figures(result, model)
    return result


def _add_unit_figures(result, model):
    """Projected turnout and the share counted of each kind of unit."""
    by_kind = model.counted_by_kind()
    result.attrs["projected_turnout"] = model.projected_turnout()
    result["kind_counted_fraction"] = ("kind", np.array(list(by_kind.values())))
    result["kind_counted_fraction"].attrs["long_name"] = (
        "ballots counted / expected final ballots, by kind of unit"
    )
    result.coords["kind"] = [kind or "(no kind)" for kind in by_kind]


@dataclass(frozen=True, eq=False)
class Night:
    """What an election-night config knows before the first snapshot.

    Parameters
    ----------
    previous : PreviousResult, Snapshot or None
        The previous result the config names.
    units : Units or None
    design : Design or None
        The units' covariates (with units only).
    """

    previous: "PreviousResult | Snapshot | None"
    units: Units | None = None
    design: "Design | None" = None


def prepare_night(config: "Config") -> Night:
    """Read the units and the previous result of a config, and build the units' covariates.

    Parameters
    ----------
    config : Config
        With a ``[nowcast]`` section.

    Returns
    -------
    Night
    """
    check_nowcast(config)
    settings = config.nowcast
    previous = settings.read_previous()
    units = settings.read_units()
    if units is None:
        return Night(previous)
    design = build_design(units, settings.components, previous, settings.previous_parties)
    return Night(previous, units, design)


def nowcast_inputs(
    config: "Config", snapshot: "Snapshot", night: Night | None = None
) -> tuple["Config", NowcastModel | UnitNowcastModel]:
    """The config with the snapshot's counted votes as its ballots, and the nowcast model.

    Parameters
    ----------
    config : Config
        With a ``[nowcast]`` section.
    snapshot : Snapshot
    night : Night, optional
        By default read from the config.

    Returns
    -------
    config : Config
    model : NowcastModel or UnitNowcastModel
    """
    check_nowcast(config)
    settings = config.nowcast
    if tuple(snapshot.components) != settings.components:
        raise ConfigError(
            f"snapshot {snapshot.label!r} has columns {list(snapshot.components)}, "
            f"but the config's parties and options are {list(settings.components)}"
        )
    night = night or prepare_night(config)
    districts = config.system.districts
    if night.units is None:
        model = NowcastModel.from_snapshot(snapshot, settings.dispersion, night.previous)
    else:
        model = UnitNowcastModel(
            names=settings.components,
            units=night.units,
            count=align_snapshot(snapshot, night.units),
            design=night.design,
            district_names=("national",) if districts is None else districts.names,
        )
    national = snapshot.national.tolist()
    ballots = config.ballots
    n_parties = len(ballots.parties)
    counted = ballots_from_counts(
        dict(zip(ballots.parties, national[:n_parties], strict=True)),
        dict(zip(ballots.others, national[n_parties:], strict=True)),
        dict(zip(ballots.parties, ballots.list_types, strict=True)),
    )
    config = replace(config, ballots=counted)
    if districts is not None:
        by_district = model.district_counts().tolist()
        districts = replace(
            districts,
            votes=tuple(tuple(row[:n_parties]) for row in by_district),
            other_votes=tuple(tuple(row[n_parties:]) for row in by_district),
        )
        config = replace(config, system=replace(config.system, districts=districts))
    return config, model


def replay(
    config: "Config",
    snapshots: list["Snapshot"],
    *,
    seed: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    **options: int | bool | None,
) -> xr.Dataset:
    """Run every snapshot with the same seed and stack the results along ``snapshot``.

    Parameters
    ----------
    config : Config
    snapshots : list of Snapshot
        In time order.
    seed : int, optional
        One seed for every snapshot: by default the config's, or a fresh one.
    progress : callable, optional
        Called as ``progress(done, total)`` over all snapshots.
    **options
        As for :func:`nowcast`.

    Returns
    -------
    xarray.Dataset
        With a ``snapshot`` dim and ``time`` and ``counted_fraction`` coords.
    """
    check_nowcast(config)
    labels = [snapshot.label for snapshot in snapshots]
    if len(set(labels)) < len(labels):
        twice = next(label for label in labels if labels.count(label) > 1)
        raise ConfigError(f"snapshot {twice!r} appears twice in the series")
    seed = config.run.seed if seed is None else seed
    seed = fresh_seed() if seed is None else seed
    night = prepare_night(config)
    results = []
    for index, snapshot in enumerate(snapshots):
        step = None if progress is None else _offset(progress, index, len(snapshots))
        result = nowcast(config, snapshot, night=night, seed=seed, progress=step, **options)
        results.append(result)
    stacked = _stack(results, config)
    warnings = count_corrections(snapshots, night.units or Units.of_snapshots(snapshots))
    if night.units is not None:
        never = units_never_seen(snapshots, night.units)
        if never:
            listed = ", ".join(repr(unit) for unit in never[:5])
            more = f" and {len(never) - 5} more" if len(never) > 5 else ""
            warnings.append(f"{len(never)} unit(s) never reported: {listed}{more}")
    if night.units is not None or warnings:
        stacked.attrs["warnings"] = "\n".join(warnings)
    return stacked


def _stack(results, config):
    """Stack the nowcast results of ``config`` along a ``snapshot`` dim, in order."""
    last = results[-1]
    changing = [result.drop_vars([*_STATIC, *_BY_KIND], errors="ignore") for result in results]
    stacked = xr.concat(changing, dim="snapshot", data_vars="all", combine_attrs="drop_conflicts")
    stacked = stacked.assign_coords(
        snapshot=[result.attrs["snapshot"] for result in results],
        time=("snapshot", [result.attrs["time"] for result in results]),
        counted_fraction=(
            "snapshot",
            np.array([result.attrs["counted_fraction"] for result in results]),
        ),
    )
    stacked["counted_fraction"].attrs["long_name"] = "ballots counted / expected final ballots"
    _stack_unit_figures(stacked, results)
    for name in _STATIC:
        stacked[name] = last[name]
    for key in (*_PER_SNAPSHOT, "model", "created_at", "history"):
        stacked.attrs.pop(key, None)
    stacked.attrs.update(
        model=f"nowcast replay of {len(results)} snapshots; last: {last.attrs['model']}",
        created_at=last.attrs["created_at"],
        history=f"{last.attrs['created_at']} seatcast replay {config.path or ''}".rstrip(),
    )
    return stacked


def _stack_unit_figures(stacked, results):
    """Add the unit model's figures of every snapshot to ``stacked``, when the results have them.

    ``projected_turnout`` becomes a ``snapshot`` coordinate and
    ``kind_counted_fraction`` a (snapshot, kind) variable, its kinds aligned
    by name in the order first seen (NaN where a snapshot lacks a kind).
    Results of the model without units have neither and add nothing.
    """
    if all("projected_turnout" in result.attrs for result in results):
        turnout = [float(result.attrs["projected_turnout"]) for result in results]
        stacked.coords["projected_turnout"] = ("snapshot", np.array(turnout))
        stacked["projected_turnout"].attrs["long_name"] = (
            "expected final ballots / registered voters"
        )
    if all("kind_counted_fraction" in result for result in results):
        kinds = list(dict.fromkeys(kind for result in results for kind in result["kind"].values))
        by_kind = [result["kind_counted_fraction"].reindex(kind=kinds) for result in results]
        stacked["kind_counted_fraction"] = xr.concat(by_kind, dim="snapshot").assign_coords(
            snapshot=stacked["snapshot"]
        )


def _offset(progress, index, count):
    """Progress of one snapshot as progress through ``count`` of them."""

    def report(done, total):
        progress(index * total + done, count * total)

    return report
