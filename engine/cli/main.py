"""The `seatcast` command: one subcommand per job, user mistakes as one line and exit 2.

Exit statuses: 0 done; 1 the system refused a write (disk full); 2 a user
mistake, said in one line ``seatcast: error: ...``; 130, 143 or 129 when
interrupted by Ctrl-C, SIGTERM or SIGHUP, with nothing half-written.
"""

import argparse
import gc
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


def main(argv: list[str] | None = None, *, whole_process: bool = False) -> int:
    """Run the command line; returns the exit status.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.
    whole_process : bool
        Whether the command is all the process does (the console script):
        a command that does not run on Dask then keeps it out of the process.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if whole_process:
        _keep_dask_out(args)
    try:
        with _termination_signals(), command_files(), _held_warnings():
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


def console() -> None:
    """The ``seatcast`` console script: :func:`main`, then the exit status.

    By then the command's files are written and closed.  The interpreter's
    last garbage collections would only walk the objects numba, xarray and
    pandas hold, about 0.2 s of a 1.2 s run, so they are skipped
    (:func:`gc.freeze`); objects are still freed as they go.
    """
    status = main(whole_process=True)
    gc.freeze()
    sys.exit(status)


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
#: lock while it writes netCDF.  That is about 0.45 s on every command of an
#: install with the ``dask`` extra, Dask or not.
_DASK_MODULES = ("dask", "distributed")


def _keep_dask_out(args):
    """Keep Dask out of a process whose command does not run on it, as without the extra.

    Dask's modules that are not loaded yet are marked absent in
    ``sys.modules``: importing them raises ImportError, and xarray takes and
    keeps its NumPy paths (it remembers that Dask is missing, which is why
    only a process that does nothing else may do this).  ``--backend dask``
    leaves them alone.
    """
    if getattr(args, "backend", None) != "dask":
        for name in _DASK_MODULES:
            sys.modules.setdefault(name, None)


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
