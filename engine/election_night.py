"""Election night: seat probabilities from a snapshot of the count, and replays of a series.

A snapshot's counted votes become the config's ballots (so its rules, list
types and coalitions apply to them), and the nowcast model of
:mod:`seatcast.models.nowcast` draws the final votes around them.  Every
snapshot of a replay is run with the same seed, draws and chunk size.
"""

from dataclasses import replace

import numpy as np
import xarray as xr

from seatcast.engine.ballots import ballots_from_counts
from seatcast.engine.errors import ConfigError
from seatcast.engine.monte_carlo import simulate
from seatcast.engine.runner import fresh_seed
from seatcast.models.nowcast import NowcastModel

#: Bins of the projected-share histograms: 0.01 percentage points each.
SHARE_BINS = 10_000

#: Variables that do not change from one snapshot to the next.
_STATIC = ("seats_held",)


def check_nowcast(config):
    """Refuse a config that is not an election-night config."""
    if config.nowcast is None:
        raise ConfigError(
            "the config has no [nowcast] section: name the parties and no-seat options "
            "of the snapshots there"
        )


def nowcast(config, snapshot, *, previous=None, seed=None, progress=None, **options):
    """Seat probabilities and projected shares from one snapshot.

    Parameters
    ----------
    config : Config
        With a ``[nowcast]`` section.
    snapshot : Snapshot
    previous : Snapshot, optional
        A previous result by region (by default the one the config names).
    seed : int, optional
        By default the config's ``[run]`` seed, or a fresh one.
    progress : callable, optional
        Called as ``progress(done, n_draws)`` after each chunk.
    **options
        ``n_draws``, ``chunk_size``, ``threads``: as for
        :func:`~seatcast.engine.monte_carlo.simulate`.

    Returns
    -------
    xarray.Dataset
        The usual result plus ``share_count``, ``share_mean`` and
        ``share_quantile`` per component, with ``snapshot``, ``time`` and
        ``counted_fraction`` attrs.
    """
    counted, model = nowcast_inputs(config, snapshot, previous)
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
    return result


def nowcast_inputs(config, snapshot, previous=None):
    """The config with the snapshot's counted votes as its ballots, and the nowcast model.

    Parameters
    ----------
    config : Config
        With a ``[nowcast]`` section.
    snapshot : Snapshot
    previous : Snapshot, optional
        By default the previous result the config names, if any.

    Returns
    -------
    config : Config
    model : NowcastModel
    """
    check_nowcast(config)
    settings = config.nowcast
    if tuple(snapshot.components) != settings.components:
        raise ConfigError(
            f"snapshot {snapshot.label!r} has columns {list(snapshot.components)}, "
            f"but the config's parties and options are {list(settings.components)}"
        )
    if previous is None:
        previous = settings.read_previous()
    model = NowcastModel.from_snapshot(snapshot, settings.dispersion, previous)
    national = snapshot.national.tolist()
    ballots = config.ballots
    n_parties = len(ballots.parties)
    counted = ballots_from_counts(
        dict(zip(ballots.parties, national[:n_parties], strict=True)),
        dict(zip(ballots.others, national[n_parties:], strict=True)),
        dict(zip(ballots.parties, ballots.list_types, strict=True)),
    )
    return replace(config, ballots=counted), model


def replay(config, snapshots, *, seed=None, progress=None, **options):
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
    previous = config.nowcast.read_previous()
    results = []
    for index, snapshot in enumerate(snapshots):
        step = None if progress is None else _offset(progress, index, len(snapshots))
        result = nowcast(config, snapshot, previous=previous, seed=seed, progress=step, **options)
        results.append(result)
    return _stack(results, config)


def _stack(results, config):
    """Stack the nowcast results of ``config`` along a ``snapshot`` dim, in order."""
    last = results[-1]
    changing = [result.drop_vars(_STATIC) for result in results]
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
    for name in _STATIC:
        stacked[name] = last[name]
    for key in ("snapshot", "time", "counted_fraction", "model", "created_at", "history"):
        stacked.attrs.pop(key, None)
    stacked.attrs.update(
        model=f"nowcast replay of {len(results)} snapshots; last: {last.attrs['model']}",
        created_at=last.attrs["created_at"],
        history=f"{last.attrs['created_at']} seatcast replay {config.path or ''}".rstrip(),
    )
    return stacked


def _offset(progress, index, count):
    """Progress of one snapshot as progress through ``count`` of them."""

    def report(done, total):
        progress(index * total + done, count * total)

    return report
