"""Values of a ``[model]`` table: numbers, spreads on the log-ratio scale, matrices."""

from collections.abc import Mapping
from decimal import Decimal

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean

#: The types a number may have in a config (TOML floats are read as Decimal).
NUMBER = (int, Decimal)

#: The largest sd on the log-ratio scale a model takes.
MAX_SD = 10.0


def per_component(
    mapping: Mapping[str, object],
    names: tuple[str, ...],
    label: str,
    default: float | None = None,
) -> np.ndarray:
    """One value per component from a table of ``component = value``.

    Parameters
    ----------
    mapping : mapping of str to number
        As given; every key must be a component.
    names : tuple of str
        The components, in order.
    label : str
        The key, for messages (``model.sd``).
    default : float, optional
        The value of a component the table leaves out, which may then be
        negative (a loading); without it every component needs an sd.

    Returns
    -------
    ndarray of float64
    """
    for name in mapping:
        if name not in names:
            hint = did_you_mean(name, names)
            raise ConfigError(f"{label} names {name!r}, which is not a party or option{hint}")
    missing = [name for name in names if name not in mapping]
    if missing and default is None:
        raise ConfigError(f"{label} has no value for {', '.join(map(repr, missing))}")
    return np.array(
        [
            (
                spread(mapping[name], f"{label}.{name}")
                if default is None
                else finite_number(mapping[name], f"{label}.{name}", negative=True)
            )
            if name in mapping
            else default
            for name in names
        ]
    )


def finite_number(value: object, label: str, *, negative: bool = False) -> float:
    """``value`` as a finite float; negative only when ``negative`` allows it."""
    if isinstance(value, bool) or not isinstance(value, NUMBER):
        raise ConfigError(f"{label} must be a number, got {value!r}")
    result = float(value)
    if not np.isfinite(result) or (result < 0 and not negative):
        raise ConfigError(f"{label} must be a non-negative number, got {value}")
    return result


def spread(value: object, label: str) -> float:
    """A standard deviation on the log-ratio scale: a number from 0 to :data:`MAX_SD`."""
    sd = finite_number(value, label)
    if sd > MAX_SD:
        raise ConfigError(
            f"{label} is {value}; an sd above {MAX_SD:g} on the log-ratio scale means nothing "
            "(it moves shares by factors of thousands)"
        )
    return sd


def matrix(rows: list[list[object]], label: str) -> np.ndarray:
    """A matrix of numbers (a correlation or covariance) given as a list of rows."""
    if not all(isinstance(row, list) for row in rows) or len({len(row) for row in rows}) > 1:
        raise ConfigError(f"{label} must be a list of rows of numbers, all of one length")
    return np.array([[finite_number(v, label, negative=True) for v in row] for row in rows])
