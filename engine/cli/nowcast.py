"""`seatcast nowcast`: seat probabilities from the latest snapshot of the count."""

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from seatcast.engine.cli.run import add_run_flags, output_path, run_options
from seatcast.engine.errors import ConfigError
from seatcast.engine.results.files import write_results
from seatcast.engine.run.progress import ProgressLine

if TYPE_CHECKING:
    from seatcast.models.snapshots import Snapshot
    from seatcast.models.units import Units


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``nowcast`` and its flags."""
    parser = subparsers.add_parser(
        "nowcast",
        help="seat ranges from a snapshot of preliminary counts by region",
        description=(
            "Project the final result from the votes counted so far in every region "
            "and how much is left to count, and write seat probabilities and projected "
            "shares as netCDF."
        ),
    )
    parser.add_argument("config", help="TOML config with [rules] and [nowcast]")
    parser.add_argument(
        "snapshot",
        nargs="?",
        help="snapshot file (CSV or TOML; default: nowcast.snapshots of the config); "
        "of a series, the last snapshot",
    )
    parser.add_argument("--snapshot", dest="label", help="which snapshot of a series to use")
    add_run_flags(parser, default_output="CONFIG-NAME-nowcast.nc")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carry out ``seatcast nowcast``; returns the exit status."""
    from seatcast.engine.config.reader import load_config
    from seatcast.engine.report.nowcast import format_nowcast
    from seatcast.engine.run.election_night import check_nowcast, nowcast, prepare_night
    from seatcast.models.units import Units

    config = load_config(args.config)
    check_nowcast(config)
    options = run_options(args)
    snapshots = config.nowcast.read(args.snapshot)
    output = output_path(args, "-nowcast")
    snapshot = pick_snapshot(snapshots, args.label)
    night = prepare_night(config)
    warnings = series_warnings(snapshots, snapshot, night.units or Units.of_snapshots(snapshots))
    progress = ProgressLine(sys.stderr, quiet=args.quiet)
    try:
        result = nowcast(config, snapshot, night=night, progress=progress, **options)
    finally:
        progress.close()
    if night.units is not None or warnings:
        result.attrs["warnings"] = warnings
    write_results(result, output)
    if not args.quiet:
        print(format_nowcast(result))
        print(f"\nwrote {output}")
    return 0


def pick_snapshot(snapshots: Sequence["Snapshot"], label: str | None = None) -> "Snapshot":
    """The snapshot called ``label``, or the last one."""
    if label is None:
        return snapshots[-1]
    for snapshot in snapshots:
        if snapshot.label == label:
            return snapshot
    known = ", ".join(repr(snapshot.label) for snapshot in snapshots)
    raise ConfigError(f"--snapshot {label!r} is not in the series; it has {known}")


def series_warnings(snapshots: list["Snapshot"], chosen: "Snapshot", units: "Units") -> str:
    """Count corrections in the series up to and including the chosen snapshot.

    Parameters
    ----------
    snapshots : list of Snapshot
        The series, in time order.
    chosen : Snapshot
        One of ``snapshots``.
    units : Units

    Returns
    -------
    str
        One warning a line; empty without any.
    """
    from seatcast.models.units import count_corrections

    end = next(index for index, snapshot in enumerate(snapshots) if snapshot is chosen)
    return "\n".join(count_corrections(snapshots[: end + 1], units))
