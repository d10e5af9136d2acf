"""`seatcast run`: simulate a config's model, write the result, print the summary."""

import argparse
import sys
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from seatcast.engine.cli.rule_flags import add_sweep_flags, rule_overrides
from seatcast.engine.config.defaults import DEFAULT_DRAWS
from seatcast.engine.errors import ConfigError
from seatcast.engine.parsing import MAX_SEED, positive_count, to_count
from seatcast.engine.results.files import check_output, write_results
from seatcast.engine.run.progress import ProgressLine

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.engine.run.dask_backend import DaskBackend


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``run`` and its flags."""
    parser = subparsers.add_parser(
        "run",
        help="simulate seat probabilities from a config's [model]",
        description=(
            "Draw vote shares from the config's [model], apply its rules to every draw, "
            "and write seat-probability distributions as netCDF. The result depends only "
            "on the config, --seed, --draws and --chunk-size, never on --threads. A config "
            "with [[scenarios]] runs each scenario on the same draws, along a scenario dim."
        ),
    )
    parser.add_argument("config", help="TOML config with [rules], [votes] or [shares], [model]")
    add_run_flags(parser, default_output="CONFIG-NAME.nc")
    add_scale_flags(parser)
    rules = parser.add_argument_group(
        "rules",
        "Override one of the config's rules, or sweep it on the same draws with a range or "
        "a list (replacing the config's [sweep] entry); each swept rule becomes a dim.",
    )
    add_sweep_flags(rules)
    parser.set_defaults(run=run)


def add_run_flags(parser: argparse.ArgumentParser, *, default_output: str) -> None:
    """The flags every simulating command takes: output, draws, seed, threads, chunks, quiet."""
    parser.add_argument("-o", "--output", help=f"netCDF file to write (default: {default_output})")
    parser.add_argument(
        "--draws", help=f"draws to make (default {DEFAULT_DRAWS:,}, or [run] draws)"
    )
    parser.add_argument("--seed", help="seed (default: a fresh one, recorded in the output)")
    parser.add_argument("--threads", help="threads (default: every core this process may use)")
    parser.add_argument("--chunk-size", help="draws per chunk (default 100,000; changes the draws)")
    parser.add_argument(
        "--indices",
        action=argparse.BooleanOptionalAction,
        help="tally the effective number of parties and Gallagher's index of every draw "
        "(default: [run] indices, or only when rules are swept)",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")


def add_scale_flags(parser: argparse.ArgumentParser) -> None:
    """Flags for batch arrays, checkpoints and Dask clusters."""
    scale = parser.add_argument_group(
        "scale-out",
        "Run a slice of the chunks (combine the shards with seatcast combine), resume a "
        "killed run, or run the chunks on a Dask cluster; the counts are the same.",
    )
    scale.add_argument(
        "--chunks",
        metavar="START:STOP",
        help="run only chunks START up to STOP (end exclusive) of the run's chunks",
    )
    scale.add_argument(
        "--checkpoint",
        metavar="DIR",
        help="save finished chunks in DIR; the same command with the same DIR resumes",
    )
    scale.add_argument(
        "--backend",
        choices=("threads", "dask"),
        default="threads",
        help="where chunks run: this process's threads (default) or a Dask cluster",
    )
    scale.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --backend dask: a running scheduler"
    )
    scale.add_argument(
        "--cluster",
        metavar="KIND",
        help="with --backend dask: local, slurm or pbs (default: the config's [cluster], or local)",
    )
    scale.add_argument("--workers", help="with --cluster local: worker processes (default: cores)")


def chunk_range(value: str | None) -> tuple[int, int] | None:
    """``--chunks START:STOP`` as ``(start, stop)``, or ``None``."""
    if value is None:
        return None
    start, colon, stop = value.partition(":")
    if not colon:
        raise ConfigError(f"--chunks must be START:STOP, such as 0:1000, got {value!r}")
    return (
        to_count(start, key="--chunks start", unit=None),
        to_count(stop, key="--chunks stop", unit=None),
    )


def backend_context(
    args: argparse.Namespace, config: "Config"
) -> AbstractContextManager["DaskBackend | None"]:
    """A context giving the chunks' backend: ``None`` (threads) or a :class:`DaskBackend`."""
    if args.backend != "dask":
        for flag in ("scheduler", "cluster", "workers"):
            if getattr(args, flag) is not None:
                raise ConfigError(f"--{flag} needs --backend dask")
        return nullcontext()
    workers = _flag_count(args.workers, "--workers", "workers")
    settings = config.cluster.with_flags(
        scheduler=args.scheduler, cluster=args.cluster, workers=workers
    )
    return _dask_backend(settings)


@contextmanager
def _dask_backend(settings):
    from seatcast.engine.run.clusters import dask_client
    from seatcast.engine.run.dask_backend import DaskBackend

    with dask_client(settings) as client:
        yield DaskBackend(client)


def run_options(args: argparse.Namespace) -> dict[str, int | bool | None]:
    """The checked values of :func:`add_run_flags`'s flags, as keywords of ``simulate``."""
    return {
        "n_draws": _flag_count(args.draws, "--draws", "draws"),
        "seed": None
        if args.seed is None
        else to_count(args.seed, key="--seed", unit=None, most=MAX_SEED),
        "chunk_size": _flag_count(args.chunk_size, "--chunk-size", "draws"),
        "threads": _flag_count(args.threads, "--threads", "threads"),
        "indices": args.indices,
    }


def output_path(args: argparse.Namespace, suffix: str = "") -> Path:
    """The ``--output`` path, or CONFIG-NAME(suffix).nc in the working directory; checked."""
    if args.output is not None:
        check_output(args.output, "-o")
        return Path(args.output)
    output = Path(f"{Path(args.config).stem}{suffix}.nc")
    check_output(output, "the default output")
    return output


def run(args: argparse.Namespace) -> int:
    """Carry out ``seatcast run``; returns the exit status."""
    from seatcast.engine.config.reader import load_config

    config = load_config(args.config, rule_overrides(args))
    options = run_options(args)
    chunks = chunk_range(args.chunks)
    output = output_path(args)
    # The kernels and xarray load only once the inputs are known to be good.
    from seatcast.engine.report.kinds import format_result
    from seatcast.engine.run.simulate import simulate

    progress = ProgressLine(sys.stderr, quiet=args.quiet)
    try:
        with backend_context(args, config) as backend:
            result = simulate(
                config,
                progress=progress,
                chunks=chunks,
                checkpoint=args.checkpoint,
                backend=backend,
                **options,
            )
    finally:
        progress.close()
    write_results(result, output)
    if not args.quiet:
        print(format_result(result))
        if result.attrs["chunks"] != f"0:{result.attrs['n_chunks']}":
            print(
                f"\nshard: chunks {result.attrs['chunks']} of {result.attrs['n_chunks']:,}; "
                "add the shards up with seatcast combine"
            )
        print(f"\nwrote {output}")
    return 0


def _flag_count(value, flag, unit):
    return None if value is None else positive_count(value, flag, unit)
