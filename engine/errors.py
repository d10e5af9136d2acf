"""Errors that reach the user as one clear message and exit status 2.

Everything a user can cause (a typo in a config, a negative vote count, a tie
the declared policy cannot settle) raises a :class:`SeatcastError`.  The
command line prints its message and exits with :attr:`SeatcastError.exit_code`;
any other exception is a bug in seatcast and keeps its traceback.  A write
the system refuses (disk full) is a :class:`WriteError`, exit status 1: the
environment failed, not the user.
"""


class SeatcastError(Exception):
    """A problem with the user's input or rules, reported without a traceback."""

    exit_code = 2


class ConfigError(SeatcastError):
    """Bad input: a malformed config, an unknown key, a value out of range."""


class AllocationError(SeatcastError):
    """The rules cannot allocate these votes (no party passes, too few parties)."""


class TieError(AllocationError):
    """A tie for a seat that the declared tie policy does not settle."""


class WriteError(SeatcastError):
    """The system refused to write an output (no space left, an I/O error): exit status 1."""

    exit_code = 1
