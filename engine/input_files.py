"""The files one command reads and writes, so that no output replaces an input.

Within :func:`command_files` (the command line opens it for every command),
every reader notes the files it opens with :func:`note_input`, and every
output is claimed with :func:`claim_output` before any work and checked
again by the atomic write.  An output that is the same file as an input
(the same resolved path, or the same device and inode) or as another output
of the command is refused.  Outside :func:`command_files`, as in a library
call, nothing is recorded.
"""

import contextvars
import os
from contextlib import contextmanager
from pathlib import Path

from seatcast.engine.errors import ConfigError

_FILES = contextvars.ContextVar("seatcast_command_files", default=None)


@contextmanager
def command_files():
    """Record, until the block ends, the files read and the outputs claimed."""
    token = _FILES.set({"inputs": [], "outputs": []})
    try:
        yield
    finally:
        _FILES.reset(token)


def note_input(path):
    """Record that the command reads ``path``."""
    files = _FILES.get()
    if files is not None:
        files["inputs"].append(Path(path))


def claim_output(path, flag):
    """Refuse an output that is an input, or another output, of this command; then record it.

    Parameters
    ----------
    path : str or Path
    flag : str
        The option naming it (``-o``, ``--plot``), for messages.
    """
    check_not_an_input(path, flag)
    files = _FILES.get()
    if files is None:
        return
    for other, other_flag in files["outputs"]:
        if _same_file(path, other):
            raise ConfigError(f"{flag} and {other_flag} both name {path}; give two files")
    files["outputs"].append((Path(path), flag))


def check_not_an_input(path, flag="output"):
    """Refuse ``path`` if the command has read it."""
    files = _FILES.get()
    if files is None:
        return
    for source in files["inputs"]:
        if _same_file(path, source):
            raise ConfigError(
                f"{flag} {path} is an input of this command ({source}); "
                "writing it would destroy it; give another file name"
            )


def _same_file(a, b):
    """Whether paths ``a`` and ``b`` name one file: the same resolved path, device and inode."""
    a, b = Path(a), Path(b)
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)
