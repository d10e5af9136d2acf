"""`seatcast report`: the summary of a result file, and its figure."""

import argparse

from seatcast.engine.results.files import check_output, open_results


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``report`` and its flags."""
    parser = subparsers.add_parser(
        "report",
        help="summarise a result of seatcast run, nowcast or replay, and plot it",
        description="Print seat ranges and probabilities per party from a result file.",
    )
    parser.add_argument("result", help="netCDF file written by seatcast run, nowcast or replay")
    parser.add_argument(
        "--plot",
        metavar="PNG",
        help="also save a figure as a PNG: seat distributions, or curves along a sweep",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carry out ``seatcast report``; returns the exit status."""
    from seatcast.engine.report.kinds import format_result, plot_result
    from seatcast.engine.results.dataset import summarise

    result = open_results(args.result)
    if args.plot is not None:
        check_output(args.plot, "--plot", suffix=".png")
    result = summarise(result)
    print(format_result(result))
    if args.plot is not None:
        plot_result(result, args.plot)
        print(f"\nwrote {args.plot}")
    return 0
