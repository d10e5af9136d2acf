"""`seatcast replay`: every snapshot of a count, on common draws, as one result."""

import argparse
import sys

from seatcast.engine.cli.run import add_run_flags, output_path, run_options
from seatcast.engine.results.files import check_output, write_results
from seatcast.engine.run.progress import ProgressLine


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``replay`` and its flags."""
    parser = subparsers.add_parser(
        "replay",
        help="seat ranges at every snapshot of a count, with a plot",
        description=(
            "Run the nowcast of every snapshot in a series with one seed, and write one "
            "netCDF result with a snapshot dimension."
        ),
    )
    parser.add_argument("config", help="TOML config with [rules] and [nowcast]")
    parser.add_argument(
        "snapshots",
        nargs="?",
        help="a CSV with a snapshot column, or a folder of snapshot files "
        "(default: nowcast.snapshots of the config)",
    )
    parser.add_argument("--plot", metavar="PNG", help="also save seat ranges against the count")
    add_run_flags(parser, default_output="CONFIG-NAME-replay.nc")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carry out ``seatcast replay``; returns the exit status."""
    from seatcast.engine.config.reader import load_config
    from seatcast.engine.report.nowcast import format_replay, plot_replay
    from seatcast.engine.run.election_night import check_nowcast, replay

    config = load_config(args.config)
    check_nowcast(config)
    options = run_options(args)
    snapshots = config.nowcast.read(args.snapshots)
    output = output_path(args, "-replay")
    if args.plot is not None:
        check_output(args.plot, "--plot", suffix=".png")
    progress = ProgressLine(sys.stderr, quiet=args.quiet)
    try:
        result = replay(config, snapshots, progress=progress, **options)
    finally:
        progress.close()
    write_results(result, output)
    if args.plot is not None:
        plot_replay(result, args.plot)
    if not args.quiet:
        print(format_replay(result))
        print(f"\nwrote {output}" + (f" and {args.plot}" if args.plot is not None else ""))
    return 0
