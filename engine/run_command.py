"""`seatcast run`: simulate a config's model, write the result, print the summary."""

import sys
from pathlib import Path

from seatcast.engine.config import DEFAULT_DRAWS, load_config, positive_count
from seatcast.engine.monte_carlo import simulate
from seatcast.engine.parsing import to_count
from seatcast.engine.progress import ProgressLine
from seatcast.engine.result_files import check_writable, write_results
from seatcast.engine.rule_flags import add_sweep_flags, rule_overrides
from seatcast.engine.summary_table import format_summary
from seatcast.engine.sweep_summary import format_sweep_summary, swept_dims


def add_parser(subparsers):
    """Register ``run`` and its flags."""
    parser = subparsers.add_parser(
        "run",
        help="simulate seat probabilities from a config's [model]",
        description=(
            "Draw vote shares from the config's [model], apply its rules to every draw, "
            "and write seat-probability distributions as netCDF. The result depends only "
            "on the config, --seed, --draws and --chunk-size, never on --threads."
        ),
    )
    parser.add_argument("config", help="TOML config with [rules], [votes] or [shares], [model]")
    add_run_flags(parser, default_output="CONFIG-NAME.nc")
    rules = parser.add_argument_group(
        "rules",
        "Override one of the config's rules, or sweep it on the same draws with a range or "
        "a list (replacing the config's [sweep] entry); each swept rule becomes a dim.",
    )
    add_sweep_flags(rules)
    parser.set_defaults(run=run)


def add_run_flags(parser, *, default_output):
    """The flags every simulating command takes: output, draws, seed, threads, chunks, quiet."""
    parser.add_argument("-o", "--output", help=f"netCDF file to write (default: {default_output})")
    parser.add_argument(
        "--draws", help=f"draws to make (default {DEFAULT_DRAWS:,}, or [run] draws)"
    )
    parser.add_argument("--seed", help="seed (default: a fresh one, recorded in the output)")
    parser.add_argument("--threads", help="threads (default: every core this process may use)")
    parser.add_argument("--chunk-size", help="draws per chunk (default 100,000; changes the draws)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")


def run_options(args):
    """The checked values of :func:`add_run_flags`'s flags, as keywords of ``simulate``."""
    return {
        "n_draws": _flag_count(args.draws, "--draws", "draws"),
        "seed": None if args.seed is None else to_count(args.seed, key="--seed", unit=None),
        "chunk_size": _flag_count(args.chunk_size, "--chunk-size", "draws"),
        "threads": _flag_count(args.threads, "--threads", "threads"),
    }


def output_path(args, suffix=""):
    """The ``--output`` path, or CONFIG-NAME(suffix).nc in the working directory; checked."""
    output = Path(args.output) if args.output else Path(f"{Path(args.config).stem}{suffix}.nc")
    check_writable(output)
    return output


def run(args):
    """Carry out ``seatcast run``; returns the exit status."""
    config = load_config(args.config, rule_overrides(args))
    options = run_options(args)
    output = output_path(args)
    progress = ProgressLine(sys.stderr, quiet=args.quiet)
    try:
        result = simulate(config, progress=progress, **options)
    finally:
        progress.close()
    write_results(result, output)
    if not args.quiet:
        print(format_sweep_summary(result) if swept_dims(result) else format_summary(result))
        print(f"\nwrote {output}")
    return 0


def _flag_count(value, flag, unit):
    return None if value is None else positive_count(value, flag, unit)
