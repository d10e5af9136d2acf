"""Exact parsing of the numbers users write: fractions, percentages, counts.

Thresholds and shares are parsed from their decimal text, never through a
binary float: ``"0.05"`` is exactly ``Fraction(1, 20)``.
"""

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from seatcast.engine.errors import ConfigError

#: The largest count seatcast takes: 2**53, the last whole number a float64 holds exactly.
MAX_COUNT = 2**53

#: The largest seed: the 128 bits of entropy of a fresh one.
MAX_SEED = 2**128 - 1


def as_written(value: object) -> str:
    """``value`` for a message, as the user wrote it: ``69.5``, not ``Decimal('69.5')``."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return format_fraction(value)
    return repr(value)


def to_fraction(value: str | Decimal | int | Fraction, *, key: str) -> Fraction:
    """Convert decimal text, a :class:`~decimal.Decimal` or an int to an exact fraction.

    Parameters
    ----------
    value : str, Decimal, int or Fraction
        The number as the user wrote it.  Text may end in ``%`` (``"5%"`` is
        ``1/20``).  Floats are refused: they have already lost the decimal text.
    key : str
        Name of the setting, used in the error message.

    Returns
    -------
    Fraction
    """
    if isinstance(value, bool):
        raise ConfigError(f"{key} must be a number, got {value!r}")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ConfigError(f"{key} must be a finite number, got {value}")
        return Fraction(value)
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        percent = text.endswith("%")
        if percent:
            text = text[:-1].strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ConfigError(f"{key} must be a number, got {value!r}") from None
        fraction = to_fraction(number, key=key)
        return fraction / 100 if percent else fraction
    raise ConfigError(f"{key} must be a number, got {value!r}")


def to_count(
    value: int | str | Decimal,
    *,
    key: str,
    unit: str | None = "votes",
    most: int | None = MAX_COUNT,
) -> int:
    """Convert a count (of votes, draws, ...) to a non-negative int of at most ``most``.

    Parameters
    ----------
    value : int, str or Decimal
        The count; text may use ``_`` as a digit separator.
    key : str
        Name of the setting, used in the error message.
    unit : str or None
        What is counted, used in the error message.
    most : int or None
        The largest count allowed: by default 2**53, the largest that
        floating-point arithmetic holds exactly; ``None`` for no bound.

    Returns
    -------
    int
    """
    if isinstance(value, bool):
        raise ConfigError(f"{key} must be a whole number{_of(unit)}, got {as_written(value)}")
    if isinstance(value, str | Decimal):
        number = to_fraction(value, key=key)
        if number.denominator != 1:
            raise ConfigError(f"{key} must be a whole number{_of(unit)}, got {value}")
        value = number.numerator
    if not isinstance(value, int):
        raise ConfigError(f"{key} must be a whole number{_of(unit)}, got {as_written(value)}")
    if value < 0:
        raise ConfigError(f"{key} must not be negative, got {value}")
    if most is not None and value > most:
        raise ConfigError(f"{key} is {value:,}, above the largest seatcast takes ({most:,})")
    return value


def format_fraction(value: Fraction) -> str:
    """Write an exact fraction the short way a person reads it (``0.05``, ``1/3``)."""
    value = Fraction(value)
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    digits = max(twos, fives)
    text = f"{Decimal(value.numerator) / Decimal(value.denominator):.{digits}f}"
    return text


def _of(unit):
    return f" of {unit}" if unit else ""


def positive_count(value: int | str | Decimal, label: str, unit: str) -> int:
    """``value`` as a whole number of ``unit`` that is at least one (``label`` names it)."""
    count = to_count(value, key=label, unit=unit)
    if count < 1:
        raise ConfigError(f"{label} must be at least 1, got {count}")
    return count
