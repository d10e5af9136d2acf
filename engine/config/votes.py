"""Votes typed on the command line or kept in a CSV file."""

import csv
from contextlib import contextmanager
from pathlib import Path

from seatcast.engine.errors import ConfigError
from seatcast.engine.input_files import note_input

VOTE_KINDS = ("party", "other")


def parse_pairs(text, *, flag):
    """Parse ``"Name=value,Other name=value"`` into an ordered dict.

    Parameters
    ----------
    text : str
        Comma-separated ``NAME=VALUE`` items; names may hold spaces, accents,
        apostrophes and parentheses, not commas.
    flag : str
        The flag the text came from, for messages.

    Returns
    -------
    dict of str to str
    """
    pairs = {}
    for item in text.split(","):
        if not item.strip():
            continue
        name, sep, value = item.rpartition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise ConfigError(f"{flag}: {item.strip()!r} must be NAME=VALUE")
        if name in pairs:
            raise ConfigError(f"{flag}: party {name!r} is listed twice")
        pairs[name] = value
    if not pairs:
        raise ConfigError(f"{flag}: no NAME=VALUE items in {text!r}")
    return pairs


def read_votes_csv(path):
    """Read a CSV with columns ``party,votes`` and an optional ``kind``.

    Parameters
    ----------
    path : str or Path
        ``kind`` is ``party`` (the default) or ``other`` for ballots that count
        in the threshold base but win no seats.

    Returns
    -------
    votes, other_votes : dict of str to str
        Counts as text, in file order, for the usual validation.
    """
    path = Path(path)
    rows = read_csv_rows(path, ("party", "votes"), ("kind",), what="votes file")
    votes, others = {}, {}
    for line, row in rows:
        name, kind = row["party"], row.get("kind") or "party"
        if not name:
            raise ConfigError(f"{path}, line {line}: the party name is empty")
        if kind not in VOTE_KINDS:
            raise ConfigError(f"{path}, line {line}: kind must be party or other, got {kind!r}")
        target = votes if kind == "party" else others
        if name in votes or name in others:
            raise ConfigError(f"{path}, line {line}: party {name!r} is listed twice")
        target[name] = row["votes"]
    return votes, others


def read_csv_rows(path, required, optional=(), *, what):
    """The rows of a CSV file with a header, as dicts of stripped text, each checked.

    Parameters
    ----------
    path : Path
    required : tuple of str
        Columns the header must have.
    optional : tuple of str
        Columns it may have besides.
    what : str
        What the file is, for messages (``"votes file"``).

    Returns
    -------
    list of (int, dict)
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


def read_table(path, *, what):
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
def table_rows(path, *, what):
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


def require_rows(rows, path):
    """Refuse a file that has a header but no rows."""
    if not rows:
        raise ConfigError(f"{path} has no rows, only a header")


@contextmanager
def opening_errors(path, what):
    """Turn a missing, folder, unreadable or non-UTF-8 file into one :class:`ConfigError` naming it.

    The file is noted as an input of the command (no output may replace it).

    Parameters
    ----------
    path : Path
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
