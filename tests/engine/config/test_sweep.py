"""Sweep values: exact ranges, lists and their mistakes, and the systems they stand for."""

from fractions import Fraction

import pytest

from seatcast.engine.config.sweep import (
    Sweep,
    is_sweep_text,
    method_values,
    seat_values,
    threshold_values,
)
from seatcast.engine.errors import ConfigError
from seatcast.engine.rules.chamber import build_chamber
from seatcast.engine.rules.methods import get_method
from tests.configs import config_with


def test_threshold_ranges_are_exact_and_include_both_ends():
    values = threshold_values("0.03:0.10:0.0025", "t")
    assert len(values) == 29
    assert values[0] == Fraction(3, 100) and values[-1] == Fraction(1, 10)
    assert values[4] == Fraction(4, 100)  # no binary drift
    assert threshold_values("3%:5%:1%", "t") == (
        Fraction(3, 100),
        Fraction(4, 100),
        Fraction(5, 100),
    )
    assert threshold_values("0.07,0.03", "t") == (Fraction(3, 100), Fraction(7, 100))  # sorted
    assert threshold_values(Fraction(1, 20), "t") == (Fraction(1, 20),)


def test_seat_ranges_step_by_one_unless_told():
    assert seat_values("60:63", "s") == (60, 61, 62, 63)
    assert seat_values("60:80:10", "s") == (60, 70, 80)
    assert seat_values([75, 69], "s") == (69, 75)


def test_method_lists_keep_their_order_and_take_spellings():
    methods = method_values("D'Hondt, hare,Webster", "m")
    assert [m.name for m in methods] == ["dhondt", "hare", "sainte-lague"]
    first = method_values(["modified-sainte-lague"], "m", first_divisor=Fraction(6, 5))
    assert first[0].first_divisor == Fraction(6, 5)


def test_sweep_text_is_a_range_or_a_list():
    assert is_sweep_text("0.03:0.1:0.01") and is_sweep_text("hare,dhondt")
    assert not is_sweep_text("0.05") and not is_sweep_text(None)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0.03:0.1:0.01:1", "write a range as start:stop:step"),
        (":0.1:0.01", "write a range as start:stop:step"),
        ("0.02:0.03:0.004", "does not reach its end exactly"),
    ],
)
def test_malformed_ranges(value, message):
    with pytest.raises(ConfigError, match=message):
        threshold_values(value, "--threshold")


def test_systems_are_every_combination_thresholds_outermost():
    config = config_with()
    sweep = Sweep(
        thresholds=(Fraction(3, 100), Fraction(7, 100)),
        methods=(get_method("hare"), get_method("dhondt")),
    )
    systems = sweep.systems(config.system)
    assert [(float(t), m.name, n) for (t, m, n), _ in systems] == [
        (0.03, "hare", 69),
        (0.03, "dhondt", 69),
        (0.07, "hare", 69),
        (0.07, "dhondt", 69),
    ]
    _, system = systems[-1]
    assert system.threshold.fraction == Fraction(7, 100) and system.threshold.base == "all"
    assert system.method.name == "dhondt"
    assert sweep.dims == ("threshold", "allocation")
    assert sweep.describe() == "threshold 0.03, 0.07; allocation hare, dhondt"


def test_a_chamber_grows_with_the_allocation_and_keeps_its_kind_of_majority():
    chamber = build_chamber(69, ("A", "B"), seats=98, held={"A": 22})
    assert chamber.resized(6) == build_chamber(75, ("A", "B"), seats=104, held={"A": 22})
    assert chamber.resized(6).majority == 53
    two_thirds = build_chamber(69, ("A", "B"), seats=99, majority=66)
    assert two_thirds.resized(6).majority == 70  # 66/99 of 105 seats
