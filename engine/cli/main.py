"""The `seatcast` command: one subcommand per job, user mistakes as one line and exit 2.

Exit statuses: 0 done; 1 the system refused a write (disk full); 2 a user
mistake, said in one line ``seatcast: error: ...``; 130, 143 or 129 when
interrupted by Ctrl-C, SIGTERM or SIGHUP, with nothing half-written.
"""

import argparse
import signal
import sys
import warnings
from contextlib import contextmanager

from seatcast.engine import __version__
from seatcast.engine.cli import allocate, combine, nowcast, replay, report, run
from seatcast.engine.errors import SeatcastError
from seatcast.engine.input_files import command_files


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, ``seatcast: error: ...``, and exit 2."""

    def error(self, message):
        hint = f"; see {self.prog} --help"
        self.exit(2, f"seatcast: error: {message}{hint}\n")


class Interrupted(KeyboardInterrupt):
    """A termination signal, raised where Python was running so that cleanup runs as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = _Parser(
        prog="seatcast",
        description="Seat-probability distributions from uncertain vote shares.",
    )
    parser.add_argument("--version", action="version", version=f"seatcast {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in (allocate, run, report, nowcast, replay, combine):
        command.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _termination_signals(), command_files(), _held_warnings(), _dask_if_asked(args):
            return args.run(args)
    except SeatcastError as error:
        print(f"seatcast: error: {error}", file=sys.stderr)
        return error.exit_code
    except Interrupted as signal_raised:
        name = signal.Signals(signal_raised.signum).name
        print(f"seatcast: stopped by {name}; no file was left half-written", file=sys.stderr)
        return 128 + signal_raised.signum
    except KeyboardInterrupt:
        print("seatcast: interrupted; no file was left half-written", file=sys.stderr)
        return 130


@contextmanager
def _termination_signals():
    """Within the block, SIGTERM and SIGHUP raise :class:`Interrupted` (main thread only)."""
    signums = (signal.SIGTERM, signal.SIGHUP)
    try:
        previous = {signum: signal.signal(signum, _raise_interrupted) for signum in signums}
    except ValueError:  # not the main thread: leave the signals alone
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


#: What xarray imports whenever it is installed: ``dask.array`` to tell Dask
#: arrays from others while it builds a Dataset, ``distributed`` to choose a
#: lock while it writes netCDF.  That is about 0.8 s on every command of an
#: install with the ``dask`` extra, Dask or not.
_DASK_MODULES = ("dask", "distributed")


@contextmanager
def _dask_if_asked(args):
    """Keep Dask out of a command that does not run on it, as on an install without the extra.

    Within the block, Dask's modules that are not loaded yet are marked
    absent in ``sys.modules``: importing them raises ImportError, and
    xarray takes its NumPy paths.  ``--backend dask`` leaves them alone.
    """
    absent = [name for name in _DASK_MODULES if name not in sys.modules]
    if getattr(args, "backend", None) == "dask":
        absent = []
    for name in absent:
        sys.modules[name] = None
    try:
        yield
    finally:
        for name in absent:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


@contextmanager
def _held_warnings():
    """Hold warnings (numpy's overflows, say) until the command ends.

    A command that fails prints only its one error, which says what the
    warnings were about; one that succeeds shows them as usual.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        yield
    for warning in caught:
        warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)
