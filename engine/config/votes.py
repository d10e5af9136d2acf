"""Votes typed on the command line or kept in a CSV file."""

from pathlib import Path

from seatcast.engine.errors import ConfigError
from seatcast.engine.input_files import read_csv_rows
from seatcast.engine.rules.ballots import VOTE_KINDS


def parse_pairs(text: str, *, flag: str) -> dict[str, str]:
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


def read_votes_csv(path: str | Path) -> tuple[dict[str, str], dict[str, str]]:
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
