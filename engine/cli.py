"""The `seatcast` command: one subcommand per job, user mistakes as one line and exit 2."""

import argparse
import sys

from seatcast.engine import (
    __version__,
    allocate_command,
    combine_command,
    nowcast_command,
    replay_command,
    report_command,
    run_command,
)
from seatcast.engine.errors import SeatcastError


def build_parser():
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="seatcast",
        description="Seat-probability distributions from uncertain vote shares.",
    )
    parser.add_argument("--version", action="version", version=f"seatcast {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    allocate_command.add_parser(subparsers)
    run_command.add_parser(subparsers)
    report_command.add_parser(subparsers)
    nowcast_command.add_parser(subparsers)
    replay_command.add_parser(subparsers)
    combine_command.add_parser(subparsers)
    return parser


def main(argv=None):
    """Run the command line; returns the exit status.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SeatcastError as error:
        print(f"seatcast: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("seatcast: interrupted; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
