"""Rule sweeps: thresholds, methods and seat counts evaluated on the same draws.

A sweep lists values for up to three rules: the general ``threshold`` (a
fraction; per-type and per-party thresholds and exemptions stay as
configured), the allocation ``method`` and the number of ``seats``.  Every
combination is evaluated on every draw, so differences between rules are
not Monte Carlo noise.  In a config::

    [sweep]
    threshold = "0.03:0.10:0.0025"     # start:stop:step, both ends included
    method = ["hare", "dhondt", "sainte-lague"]
    seats = "60:80"                    # step 1 unless given

Each value may also be a TOML list, or text listing values with commas.
Where ``[rules]`` leaves out ``seats`` or ``method``, the sweep's first value
is the configured rule (the one summaries are read at).
Ranges are exact (decimal text, never binary floats): ``0.03:0.10:0.0025``
has 29 points and ends on 0.10.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

from seatcast.engine.config.table import Table
from seatcast.engine.errors import ConfigError
from seatcast.engine.parsing import format_fraction, to_count, to_fraction
from seatcast.engine.rules.methods import METHODS, DivisorMethod, QuotaMethod, get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import check_threshold_fraction

#: Config keys of ``[sweep]``.
SWEEP_KEYS = ("threshold", "method", "seats")

#: Most values one swept rule may take.
MAX_POINTS = 10_000


@dataclass(frozen=True)
class Sweep:
    """Values of the swept rules; an empty tuple leaves that rule as configured.

    Parameters
    ----------
    thresholds : tuple of Fraction
        Ascending, distinct, each in ``[0, 1)``.
    methods : tuple of DivisorMethod or QuotaMethod
        Distinct methods.
    seats : tuple of int
        Ascending, distinct, each at least 1.
    """

    thresholds: tuple[Fraction, ...] = ()
    methods: tuple[DivisorMethod | QuotaMethod, ...] = ()
    seats: tuple[int, ...] = ()

    @property
    def dims(self) -> tuple[str, ...]:
        """Names of the swept dims, in the order of the result's dims."""
        present = (self.thresholds, self.methods, self.seats)
        return tuple(
            dim
            for dim, values in zip(("threshold", "allocation", "n_seats"), present, strict=True)
            if values
        )

    def threshold_values(self, system: ElectionSystem) -> tuple[Fraction, ...]:
        """The swept thresholds, or the system's own as the only one."""
        return self.thresholds or (system.threshold.fraction,)

    def method_values(self, system: ElectionSystem) -> tuple[DivisorMethod | QuotaMethod, ...]:
        """The swept methods, or the system's own as the only one."""
        return self.methods or (system.method,)

    def seat_values(self, system: ElectionSystem) -> tuple[int, ...]:
        """The swept seat counts, or the system's own as the only one."""
        return self.seats or (system.n_seats,)

    def systems(
        self, system: ElectionSystem
    ) -> list[tuple[tuple[Fraction, DivisorMethod | QuotaMethod, int], ElectionSystem]]:
        """Every combination as its own system, thresholds outermost.

        Parameters
        ----------
        system : ElectionSystem
            The configured rules the sweep varies.

        Returns
        -------
        list of ((Fraction, DivisorMethod or QuotaMethod, int), ElectionSystem)
        """
        return [
            (
                (fraction, method, n_seats),
                replace(
                    system,
                    threshold=replace(system.threshold, fraction=fraction),
                    method=method,
                    n_seats=n_seats,
                ),
            )
            for fraction in self.threshold_values(system)
            for method in self.method_values(system)
            for n_seats in self.seat_values(system)
        ]

    def describe(self) -> str:
        """One line naming the swept values, for reports and provenance; empty without a sweep."""
        parts = []
        if self.thresholds:
            parts.append("threshold " + _describe_values(self.thresholds, format_fraction))
        if self.methods:
            parts.append("allocation " + ", ".join(method.name for method in self.methods))
        if self.seats:
            parts.append("seats " + _describe_values(self.seats, str))
        return "; ".join(parts)


#: No rule swept: a run of the configured rules alone.
NO_SWEEP = Sweep()


def read_sweep(table: Table, *, first_divisor: Fraction | None = None) -> Sweep:
    """Read a ``[sweep]`` table (or the values of sweep flags).

    Parameters
    ----------
    table : Table
        With any of :data:`SWEEP_KEYS`.
    first_divisor : Fraction, optional
        The config's ``rules.first_divisor``, for ``modified-sainte-lague``.

    Returns
    -------
    Sweep
    """
    values = {key: table.take(key, (str, list, int, Decimal), None) for key in SWEEP_KEYS}
    return Sweep(
        thresholds=_optional(values["threshold"], table.label("threshold"), threshold_values),
        methods=_optional(
            values["method"],
            table.label("method"),
            lambda value, key: method_values(value, key, first_divisor=first_divisor),
        ),
        seats=_optional(values["seats"], table.label("seats"), seat_values),
    )


def _optional(value, key, parse):
    return () if value is None else parse(value, key)


def is_sweep_text(text: object) -> bool:
    """Whether a flag's text asks for several values (a range or a list) rather than one."""
    return isinstance(text, str) and (":" in text or "," in text)


def threshold_values(
    value: str | int | Decimal | Fraction | list[Any], key: str
) -> tuple[Fraction, ...]:
    """Thresholds from a list, ``start:stop:step`` or ``a,b,c``; ascending fractions.

    Parameters
    ----------
    value : str, list or number
        A number is an int, Decimal or Fraction; a list holds numbers or text.
    key : str
        The config key or flag, for messages.

    Returns
    -------
    tuple of Fraction
    """
    fractions = _values(value, key, lambda item: to_fraction(item, key=key), default_step=None)
    for fraction in fractions:
        check_threshold_fraction(fraction, key=key)
    return _ascending(fractions, key, format_fraction)


def seat_values(value: str | int | Decimal | list[Any], key: str) -> tuple[int, ...]:
    """Seat counts from a list, ``start:stop[:step]`` or ``a,b,c``; ascending whole numbers."""
    counts = _values(value, key, lambda item: to_count(item, key=key, unit="seats"), default_step=1)
    for count in counts:
        if count < 1:
            raise ConfigError(f"{key}: seats must be at least 1, got {count}")
    return _ascending(counts, key, str)


def method_values(
    value: str | list[str], key: str, *, first_divisor: Fraction | None = None
) -> tuple[DivisorMethod | QuotaMethod, ...]:
    """Methods from a list of names or ``hare,dhondt``; distinct, in the order given."""
    names = [item.strip() for item in value.split(",")] if isinstance(value, str) else value
    if not isinstance(names, list) or not names:
        raise ConfigError(f"{key} must list method names, got {value!r}")
    methods = []
    for name in names:
        if not isinstance(name, str):
            raise ConfigError(f"{key} must list method names, got {name!r}")
        method = get_method(name, key=key)
        if first_divisor is not None and METHODS[method.name].first_divisor is not None:
            method = get_method(name, first_divisor=first_divisor, key=key)
        if any(known.name == method.name for known in methods):
            raise ConfigError(f"{key} names the method {method.name!r} twice")
        methods.append(method)
    return tuple(methods)


def _describe_values(values, show):
    if len(values) <= 5:
        return ", ".join(show(value) for value in values)
    return f"{show(values[0])} to {show(values[-1])} ({len(values)} values)"


def _values(value, key, convert, *, default_step):
    if isinstance(value, list):
        if not value:
            raise ConfigError(f"{key} must not be an empty list")
        return [convert(item) for item in value]
    if isinstance(value, str) and ":" in value:
        return _range(value, key, convert, default_step)
    if isinstance(value, str):
        return [convert(item) for item in value.split(",")]
    return [convert(value)]


def _range(text, key, convert, default_step):
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(part.strip() for part in parts):
        raise ConfigError(f"{key}: write a range as start:stop:step, got {text!r}")
    if len(parts) == 2 and default_step is None:
        raise ConfigError(f"{key}: give the step of {text!r}, e.g. {text}:0.005")
    start, stop = convert(parts[0]), convert(parts[1])
    step = convert(parts[2]) if len(parts) == 3 else default_step
    if step <= 0:
        raise ConfigError(f"{key}: the step of {text!r} must be above 0")
    if stop < start:
        raise ConfigError(f"{key}: the range {text!r} ends below its start")
    intervals = Fraction(stop - start) / step
    if intervals.denominator != 1:
        raise ConfigError(
            f"{key}: the step of {text!r} does not reach its end exactly "
            "(both ends are included); change the step or the end"
        )
    if intervals + 1 > MAX_POINTS:
        raise ConfigError(
            f"{key}: {text!r} has {int(intervals) + 1:,} values; at most {MAX_POINTS:,}"
        )
    return [start + index * step for index in range(int(intervals) + 1)]


def _ascending(values, key, show):
    if len(values) > MAX_POINTS:
        raise ConfigError(f"{key} has {len(values):,} values; at most {MAX_POINTS:,}")
    ordered = sorted(values)
    for before, after in pairwise(ordered):
        if before == after:
            raise ConfigError(f"{key} lists {show(before)} twice")
    return tuple(ordered)
