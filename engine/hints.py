"""The "did you mean" hint of messages about a misspelt name."""

import difflib
from collections.abc import Iterable


def did_you_mean(name: object, known: Iterable[object], *, cutoff: float = 0.6) -> str:
    """``"; did you mean 'X'?"`` for the known name nearest ``name``; ``""`` if none is near.

    Parameters
    ----------
    name : object
        The name as given; compared as text.
    known : iterable of object
        The names it should have been one of; compared as text.
    cutoff : float
        How alike (0 to 1) a known name must be to be suggested.

    Returns
    -------
    str
    """
    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""
