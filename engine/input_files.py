"""Input files: the files a command reads, and CSV tables read from them.

No output replaces an input.
Within :func:`command_files` (the command line opens it for every command),
every reader notes the files it opens with :func:`note_input`, and every
output is claimed with :func:`claim_output` before any work and checked
again by the atomic write.  An output that is the same file as an input
(the same resolved path, or the same device and inode) or as another output
of the command is refused.  Outside :func:`command_files`, as in a library
call, nothing is recorded.

CSV files are read with a header, each row checked to have one cell per
column: :func:`read_table` for files held whole, :func:`table_rows` for files
read row by row.
"""

import contextvars
import csv
import os
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from seatcast.engine.errors import ConfigError

_FILES = contextvars.ContextVar("seatcast_command_files", default=None)


@contextmanager
def command_files() -> Iterator[None]:
    """Record, until the block ends, the files read and the outputs claimed."""
    token = _FILES.set({"inputs": [], "outputs": []})
    try:
        yield
    finally:
        _FILES.reset(token)


def note_input(path: str | Path) -> None:
    """Record that the command reads ``path``."""
    files = _FILES.get()
    if files is not None:
        files["inputs"].append(Path(path))


def claim_output(path: str | Path, flag: str) -> None:
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


def check_not_an_input(path: str | Path, flag: str = "output") -> None:
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


def read_csv_rows(
    path: str | Path,
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    what: str,
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with a header, as dicts of stripped text, each checked.

    Parameters
    ----------
    path : str or Path
    required : sequence of str
        Columns the header must have.
    optional : sequence of str
        Columns it may have besides.
    what : str
        What the file is, for messages (``"votes file"``).

    Returns
    -------
    list of (int, dict of str to str)
        The line each row ends on and its cells, in file order; a file with
        a header only is refused.
    """
    expected = ",".join(required) + "".join(f"[,{column}]" for column in optional)
    header, rows = read_table(path, what=what)
    missing = [c for c in required if c not in header]
    if missing:
        raise ConfigError(
            f"{path}: missing column(s) {', '.join(missing)}; expected a header {expected}"
        )
    unknown = [c for c in header if c not in (*required, *optional)]
    if unknown:
        raise ConfigError(f"{path}: unknown column(s) {', '.join(unknown)}")
    require_rows(rows, path)
    return rows


def read_table(
    path: str | Path, *, what: str
) -> tuple[tuple[str, ...], list[tuple[int, dict[str, str]]]]:
    """The header and rows of a CSV file, each row checked to have one cell per column.

    For files a command holds whole (votes, districts, units, a previous
    result); snapshots, which can run to millions of rows, use :func:`table_rows`.

    Parameters
    ----------
    path : str or Path
    what : str
        What the file is, for messages (``"units file"``).

    Returns
    -------
    header : tuple of str
        Column names, stripped.
    rows : list of (int, dict of str to str)
        The line each row ends on, and its cells by column, stripped.
        Blank lines are skipped.
    """
    with table_rows(path, what=what) as (header, rows):
        return header, list(rows)


@contextmanager
def table_rows(
    path: str | Path, *, what: str
) -> Iterator[tuple[tuple[str, ...], Iterator[tuple[int, dict[str, str]]]]]:
    """Open a CSV file and stream its rows, each checked to have one cell per column.

    Errors raised while the rows are read (a missing file, bytes that are not
    UTF-8, malformed CSV) become one :class:`ConfigError` naming the file.

    Parameters
    ----------
    path : str or Path
    what : str
        What the file is, for messages (``"snapshot file"``).

    Yields
    ------
    header : tuple of str
        Column names, stripped.
    rows : iterator of (int, dict of str to str)
        The line each row ends on, and its cells by column, stripped, read
        one at a time.  Blank lines are skipped.
    """
    path = Path(path)
    with opening_errors(path, what), path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        try:
            header = _header(next(reader, None), path, what)
        except csv.Error as error:
            raise ConfigError(f"{path}, line {reader.line_num}: malformed CSV: {error}") from None
        yield header, _rows(reader, header, path)


def _rows(reader, header, path):
    """The checked rows of a CSV reader past its header."""
    try:
        for cells in reader:
            if cells:
                yield reader.line_num, _row(cells, header, path, reader.line_num)
    except csv.Error as error:
        raise ConfigError(f"{path}, line {reader.line_num}: malformed CSV: {error}") from None


def _header(cells, path, what):
    """Stripped column names, each given once."""
    if not cells:
        raise ConfigError(f"{what} {path} is empty: it needs a header row and data rows")
    header = tuple(cell.strip() for cell in cells)
    for number, name in enumerate(header, start=1):
        if not name:
            raise ConfigError(f"{path}: column {number} of the header has no name")
        if header.index(name) != number - 1:
            raise ConfigError(f"{path}: column {name!r} appears twice in the header")
    return header


def _row(cells, header, path, line):
    """One row's cells by column, refused unless it has one cell per column."""
    if len(cells) != len(header):
        more = "more" if len(cells) > len(header) else "fewer"
        raise ConfigError(
            f"{path}, line {line}: {len(cells)} cells, {more} than the header's "
            f"{len(header)} columns"
        )
    return {name: cell.strip() for name, cell in zip(header, cells, strict=True)}


def require_rows(rows: Collection[object], path: str | Path) -> None:
    """Refuse a file that has a header but no rows (``rows``, of any kind, is empty)."""
    if not rows:
        raise ConfigError(f"{path} has no rows, only a header")


@contextmanager
def opening_errors(path: str | Path, what: str) -> Iterator[None]:
    """Turn a missing, folder, unreadable or non-UTF-8 file into one :class:`ConfigError` naming it.

    The file is noted as an input of the command (no output may replace it).

    Parameters
    ----------
    path : str or Path
    what : str
        What the file is, for the message (``"votes file"``).
    """
    note_input(path)
    try:
        yield
    except FileNotFoundError:
        raise ConfigError(f"{what} not found: {path}") from None
    except IsADirectoryError:
        raise ConfigError(f"{what} is a directory: {path}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{what} is not UTF-8 text: {path}") from None
    except OSError as error:  # a symlink loop, no permission, an I/O error
        raise ConfigError(f"cannot read {what} {path}: {error.strerror or error}") from None
