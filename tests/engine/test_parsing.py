"""Exact numbers from decimal text."""

from decimal import Decimal
from fractions import Fraction

import pytest

from seatcast.engine.errors import ConfigError
from seatcast.engine.parsing import format_fraction, to_count, to_fraction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.05", Fraction(1, 20)),
        ("5%", Fraction(1, 20)),
        (" 7.5 % ", Fraction(3, 40)),
        (Decimal("0.1"), Fraction(1, 10)),
        (0, Fraction(0)),
        ("1_000", Fraction(1000)),
    ],
)
def test_decimal_text_is_exact(text, expected):
    assert to_fraction(text, key="k") == expected


@pytest.mark.parametrize("bad", ["five", "", "nan", Decimal("inf"), 0.05, True, None])
def test_non_numbers_are_refused_with_the_key(bad):
    with pytest.raises(ConfigError, match=r"^k must be"):
        to_fraction(bad, key="k")


def test_counts():
    assert to_count("3_431_510", key="v") == 3431510
    assert to_count(7, key="v") == 7
    for bad, message in [(-1, "negative"), ("12.5", "whole"), (True, "whole"), (1.0, "whole")]:
        with pytest.raises(ConfigError, match=message):
            to_count(bad, key="v")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(1, 20), "0.05"),
        (Fraction(1, 3), "1/3"),
        (Fraction(7), "7"),
        (Fraction(3, 40), "0.075"),
    ],
)
def test_format_fraction(value, text):
    assert format_fraction(value) == text
