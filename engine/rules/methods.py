"""Seat allocation methods: divisor sequences and quotas, looked up by name.

Every method answers one question exactly on integer votes.  A *divisor*
method gives the next seat to the party with the highest priority
``votes / d(seats held)``; a *quota* method gives each party
``floor(votes / quota)`` seats and the rest to the largest remainders.

Canonical names are lower case with hyphens; :func:`get_method` also accepts
common spellings (``"D'Hondt"``, ``"Sainte-Laguë"``, ``"webster"``).
"""

import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean


@dataclass(frozen=True)
class DivisorMethod:
    """A highest-averages method with divisors ``d(k) = slope * k + offset``.

    Parameters
    ----------
    name : str
        Canonical name.
    slope, offset : int
        The divisor after ``k`` seats is ``slope * k + offset``.
    first_divisor : Fraction or None
        Replaces ``d(0)`` (modified Sainte-Laguë).
    geometric : bool
        Huntington-Hill: ``d(k) = sqrt(k * (k + 1))``; priorities are then
        compared squared, which keeps them exact.
    """

    name: str
    slope: int
    offset: int
    first_divisor: Fraction | None = None
    geometric: bool = False

    family = "divisor"

    @property
    def seats_first(self):
        """Whether ``d(0) = 0``: every eligible party is owed a first seat."""
        return self.geometric or (self.first_divisor is None and self.offset == 0)

    def divisor(self, seats_held):
        """The exact divisor after ``seats_held`` seats (squared for Huntington-Hill)."""
        if self.geometric:
            return Fraction(seats_held * (seats_held + 1))
        if seats_held == 0 and self.first_divisor is not None:
            return self.first_divisor
        return Fraction(self.slope * seats_held + self.offset)

    def priority(self, votes, seats_held):
        """The exact priority of a party's next seat; ``None`` when it is owed one.

        Parameters
        ----------
        votes : int
            The party's votes (positive).
        seats_held : int
            Seats the party holds so far.

        Returns
        -------
        Fraction or None
            ``votes / d(seats_held)``, or ``votes**2 / d**2`` for
            Huntington-Hill; ``None`` where ``d = 0``.
        """
        divisor = self.divisor(seats_held)
        if divisor == 0:
            return None
        numerator = votes * votes if self.geometric else votes
        return numerator / divisor


@dataclass(frozen=True)
class QuotaMethod:
    """A largest-remainder method with a named quota.

    Parameters
    ----------
    name : str
        Canonical name: ``hare``, ``droop``, ``hagenbach-bischoff`` or
        ``imperiali-quota``.
    """

    name: str

    family = "quota"

    def quota(self, total_votes, n_seats):
        """The exact quota for ``total_votes`` among the eligible parties.

        Parameters
        ----------
        total_votes : int
            Votes of the parties that take part in the allocation.
        n_seats : int
            Seats to allocate.

        Returns
        -------
        Fraction
        """
        if self.name == "hare":
            return Fraction(total_votes, n_seats)
        if self.name == "droop":
            return Fraction(total_votes // (n_seats + 1) + 1)
        if self.name == "hagenbach-bischoff":
            return Fraction(total_votes, n_seats + 1)
        return Fraction(total_votes, n_seats + 2)


#: Default first divisor of modified Sainte-Laguë (Norway; Sweden used it until 2018).
DEFAULT_FIRST_DIVISOR = Fraction(7, 5)

_DIVISORS = {
    "dhondt": (1, 1),
    "sainte-lague": (2, 1),
    "modified-sainte-lague": (2, 1),
    "danish": (3, 1),
    "imperiali": (1, 2),
    "adams": (1, 0),
    "huntington-hill": (1, 0),
}
_QUOTAS = ("hare", "droop", "hagenbach-bischoff", "imperiali-quota")

#: Every canonical method name, in the order the documentation lists them.
METHOD_NAMES = (*_DIVISORS, *_QUOTAS)

_ALIASES = {
    "d'hondt": "dhondt",
    "jefferson": "dhondt",
    "webster": "sainte-lague",
    "schepers": "sainte-lague",
    "hamilton": "hare",
    "hare-niemeyer": "hare",
    "largest-remainder": "hare",
    "imperiali-divisor": "imperiali",
    "hill": "huntington-hill",
}


def _normalise(name):
    text = unicodedata.normalize("NFKD", name.strip().lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("_", "-").replace(" ", "-").replace("\u2019", "'")
    return _ALIASES.get(text, text.replace("'", ""))


def get_method(name, *, first_divisor=None, key="method"):
    """Look up an allocation method by name.

    Parameters
    ----------
    name : str
        A canonical name from :data:`METHOD_NAMES` or a common spelling.
    first_divisor : Fraction, optional
        First divisor of ``modified-sainte-lague`` (default 1.4); refused for
        every other method.
    key : str
        Name of the setting, used in error messages.

    Returns
    -------
    DivisorMethod or QuotaMethod
    """
    canonical = _normalise(name) if isinstance(name, str) else None
    if canonical not in METHOD_NAMES:
        hint = did_you_mean(canonical or "", METHOD_NAMES)
        raise ConfigError(
            f"{key}: unknown method {name!r}{hint} Known methods: {', '.join(METHOD_NAMES)}"
        )
    if first_divisor is not None and canonical != "modified-sainte-lague":
        raise ConfigError(
            f"first divisor {first_divisor} applies only to modified-sainte-lague, "
            f"not to {canonical}"
        )
    if canonical in _QUOTAS:
        return QuotaMethod(canonical)
    slope, offset = _DIVISORS[canonical]
    if canonical == "modified-sainte-lague":
        first = DEFAULT_FIRST_DIVISOR if first_divisor is None else Fraction(first_divisor)
        if not 0 < first < 3:
            raise ConfigError(
                f"first divisor must lie between 0 and the second divisor 3, got {first_divisor}"
            )
        return DivisorMethod(canonical, slope, offset, first_divisor=first)
    return DivisorMethod(canonical, slope, offset, geometric=canonical == "huntington-hill")


def describe_method(method):
    """One line naming the method and its divisors or quota, for reports."""
    if method.family == "quota":
        formulas = {
            "hare": "V/S",
            "droop": "floor(V/(S+1)) + 1",
            "hagenbach-bischoff": "V/(S+1)",
            "imperiali-quota": "V/(S+2)",
        }
        return f"{method.name} (quota {formulas[method.name]}, largest remainder)"
    if method.geometric:
        return f"{method.name} (divisors sqrt(k(k+1)))"
    first = [float(method.divisor(k)) for k in range(3)]
    shown = ", ".join(f"{d:g}" for d in first)
    return f"{method.name} (divisors {shown}, …)"
