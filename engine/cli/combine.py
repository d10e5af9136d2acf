"""`seatcast combine`: add up the shards of one run into its result."""

import argparse

from seatcast.engine.results.files import check_output, open_results, write_results


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``combine`` and its flags."""
    parser = subparsers.add_parser(
        "combine",
        help="add up the shards of seatcast run --chunks into one result",
        description=(
            "Add up the counts of shards written by seatcast run --chunks. The shards must "
            "be of the same run (config, seed, draws, chunk size) and cover every chunk "
            "exactly once; the result is identical to one run of all chunks."
        ),
    )
    parser.add_argument("shards", nargs="+", help="netCDF shards, in any order")
    parser.add_argument("-o", "--output", required=True, help="netCDF file to write")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Carry out ``seatcast combine``; returns the exit status."""
    from seatcast.engine.report.kinds import format_result
    from seatcast.engine.run.shards import combine

    shards = [open_results(path) for path in args.shards]
    check_output(args.output, "-o")
    result = combine(shards, names=args.shards)
    write_results(result, args.output)
    if not args.quiet:
        print(format_result(result))
        print(f"\ncombined {len(args.shards)} shards; wrote {args.output}")
    return 0
