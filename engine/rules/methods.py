"""Seat allocation methods: divisor sequences and quotas, looked up by name.

Every method answers one question exactly on integer votes.  A *divisor*
method gives the next seat to the party with the highest priority
``votes / d(seats held)``; a *quota* method gives each party
``floor(votes / quota)`` seats and the rest to the largest remainders.

Every method is one entry of :data:`METHODS`: its family, its divisors or
quota, how the kernels compute it, and its other names.  Adding a divisor
method ``d(k) = slope k + offset`` is one entry; a new quota also needs its
kind in :mod:`seatcast.engine.kernels.codes` and the kernel's ``quota_ratio``.

Canonical names are lower case with hyphens; :func:`get_method` also accepts
common spellings (``"D'Hondt"``, ``"Sainte-Laguë"``, ``"webster"``).
"""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.engine.kernels import codes


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
    def seats_first(self) -> bool:
        """Whether ``d(0) = 0``: every eligible party is owed a first seat."""
        return self.geometric or (self.first_divisor is None and self.offset == 0)

    def divisor(self, seats_held: int) -> Fraction:
        """The exact divisor after ``seats_held`` seats (squared for Huntington-Hill)."""
        if self.geometric:
            return Fraction(seats_held * (seats_held + 1))
        if seats_held == 0 and self.first_divisor is not None:
            return self.first_divisor
        return Fraction(self.slope * seats_held + self.offset)

    def priority(self, votes: int, seats_held: int) -> Fraction | None:
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

    def quota(self, total_votes: int, n_seats: int) -> Fraction:
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
        return METHODS[self.name].quota(total_votes, n_seats)

    @property
    def kernel_kind(self) -> int:
        """The quota kind the kernels compute (:mod:`seatcast.engine.kernels.codes`)."""
        return METHODS[self.name].kernel_kind

    @property
    def whole_quota(self) -> bool:
        """Whether the quota rounds votes (Droop), so kernels need whole vote totals."""
        return METHODS[self.name].whole_quota


@dataclass(frozen=True)
class MethodEntry:
    """One method of the registry.

    Parameters
    ----------
    family : str
        ``divisor`` (highest averages) or ``quota`` (largest remainder).
    slope, offset : int
        Divisor methods: ``d(k) = slope * k + offset``.
    geometric : bool
        Divisor methods: ``d(k) = sqrt(k (k + 1))`` (Huntington-Hill).
    first_divisor : Fraction or None
        Divisor methods whose ``d(0)`` the config may set: its default.
    quota : callable or None
        Quota methods: the exact quota of ``(total_votes, n_seats)``.
    formula : str
        Quota methods: the quota as reports write it.
    kernel_kind : int
        Quota methods: the quota kind the kernels compute.
    whole_quota : bool
        Quota methods: whether the quota rounds votes, so that kernels need
        the whole vote totals of every draw.
    aliases : tuple of str
        Other spellings, normalised (lower case, hyphens, no accents).
    """

    family: str
    slope: int = 0
    offset: int = 0
    geometric: bool = False
    first_divisor: Fraction | None = None
    quota: Callable[[int, int], Fraction] | None = None
    formula: str = ""
    kernel_kind: int = 0
    whole_quota: bool = False
    aliases: tuple[str, ...] = ()


#: Every method, by canonical name, in the order the documentation lists them.
METHODS = {
    "dhondt": MethodEntry("divisor", 1, 1, aliases=("d'hondt", "jefferson")),
    "sainte-lague": MethodEntry("divisor", 2, 1, aliases=("webster", "schepers")),
    # Norway; Sweden until 2018.
    "modified-sainte-lague": MethodEntry("divisor", 2, 1, first_divisor=Fraction(7, 5)),
    "danish": MethodEntry("divisor", 3, 1),
    "imperiali": MethodEntry("divisor", 1, 2, aliases=("imperiali-divisor",)),
    "adams": MethodEntry("divisor", 1, 0),
    "huntington-hill": MethodEntry("divisor", 1, 0, geometric=True, aliases=("hill",)),
    "hare": MethodEntry(
        "quota",
        quota=lambda votes, seats: Fraction(votes, seats),
        formula="V/S",
        kernel_kind=codes.HARE,
        aliases=("hamilton", "hare-niemeyer", "largest-remainder"),
    ),
    "droop": MethodEntry(
        "quota",
        quota=lambda votes, seats: Fraction(votes // (seats + 1) + 1),
        formula="floor(V/(S+1)) + 1",
        kernel_kind=codes.DROOP,
        whole_quota=True,
    ),
    "hagenbach-bischoff": MethodEntry(
        "quota",
        quota=lambda votes, seats: Fraction(votes, seats + 1),
        formula="V/(S+1)",
        kernel_kind=codes.HAGENBACH_BISCHOFF,
    ),
    "imperiali-quota": MethodEntry(
        "quota",
        quota=lambda votes, seats: Fraction(votes, seats + 2),
        formula="V/(S+2)",
        kernel_kind=codes.IMPERIALI_QUOTA,
    ),
}

#: Every canonical method name, in the order the documentation lists them.
METHOD_NAMES = tuple(METHODS)

_ALIASES = {alias: name for name, entry in METHODS.items() for alias in entry.aliases}


def _normalise(name):
    text = unicodedata.normalize("NFKD", name.strip().lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("_", "-").replace(" ", "-").replace("\u2019", "'")
    return _ALIASES.get(text, text.replace("'", ""))


def get_method(
    name: str, *, first_divisor: Fraction | None = None, key: str = "method"
) -> DivisorMethod | QuotaMethod:
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
    entry = METHODS[canonical]
    if first_divisor is not None and entry.first_divisor is None:
        settable = ", ".join(name for name, other in METHODS.items() if other.first_divisor)
        raise ConfigError(
            f"first divisor {first_divisor} applies only to {settable}, not to {canonical}"
        )
    if entry.family == "quota":
        return QuotaMethod(canonical)
    if entry.first_divisor is not None:
        first = entry.first_divisor if first_divisor is None else Fraction(first_divisor)
        second = entry.slope + entry.offset
        if not 0 < first < second:
            raise ConfigError(
                f"first divisor must lie between 0 and the second divisor {second}, "
                f"got {first_divisor}"
            )
        return DivisorMethod(canonical, entry.slope, entry.offset, first_divisor=first)
    return DivisorMethod(canonical, entry.slope, entry.offset, geometric=entry.geometric)


def describe_method(method: DivisorMethod | QuotaMethod) -> str:
    """One line naming the method and its divisors or quota, for reports."""
    if method.family == "quota":
        return f"{method.name} (quota {METHODS[method.name].formula}, largest remainder)"
    if method.geometric:
        return f"{method.name} (divisors sqrt(k(k+1)))"
    first = [float(method.divisor(k)) for k in range(3)]
    shown = ", ".join(f"{d:g}" for d in first)
    return f"{method.name} (divisors {shown}, …)"
