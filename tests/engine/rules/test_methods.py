"""Method registry: names, aliases, divisors and quotas."""

from fractions import Fraction

import pytest

from seatcast.engine.errors import ConfigError
from seatcast.engine.rules.methods import METHOD_NAMES, describe_method, get_method


@pytest.mark.parametrize("name", METHOD_NAMES)
def test_every_canonical_name_resolves_and_describes(name):
    method = get_method(name)
    assert method.name == name
    assert name in describe_method(method)


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("D'Hondt", "dhondt"),
        ("Sainte-Laguë", "sainte-lague"),
        ("webster", "sainte-lague"),
        ("HARE", "hare"),
        ("hagenbach_bischoff", "hagenbach-bischoff"),
    ],
)
def test_aliases(alias, name):
    assert get_method(alias).name == name


def test_divisor_sequences():
    def first(name, n=4, **kw):
        return [get_method(name, **kw).divisor(k) for k in range(n)]

    assert first("dhondt") == [1, 2, 3, 4]
    assert first("sainte-lague") == [1, 3, 5, 7]
    assert first("modified-sainte-lague") == [Fraction(7, 5), 3, 5, 7]
    assert first("modified-sainte-lague", first_divisor=Fraction(6, 5)) == [Fraction(6, 5), 3, 5, 7]
    assert first("danish") == [1, 4, 7, 10]
    assert first("imperiali") == [2, 3, 4, 5]
    assert first("adams") == [0, 1, 2, 3]
    assert first("huntington-hill") == [0, 2, 6, 12]  # squared: k(k+1)
    assert get_method("adams").seats_first and get_method("huntington-hill").seats_first
    assert not get_method("dhondt").seats_first


def test_quotas():
    assert get_method("hare").quota(100, 7) == Fraction(100, 7)
    assert get_method("droop").quota(100, 7) == 13  # floor(100/8) + 1
    assert get_method("droop").quota(96, 7) == 13  # 96/8 = 12 exactly, + 1
    assert get_method("hagenbach-bischoff").quota(100, 7) == Fraction(100, 8)
    assert get_method("imperiali-quota").quota(100, 7) == Fraction(100, 9)


def test_unknown_method_suggests_the_closest():
    with pytest.raises(ConfigError, match="unknown method 'dhont'; did you mean 'dhondt'"):
        get_method("dhont")


def test_first_divisor_only_for_modified_sainte_lague():
    with pytest.raises(ConfigError, match="applies only to modified-sainte-lague"):
        get_method("dhondt", first_divisor=Fraction(7, 5))
    for bad in (Fraction(0), Fraction(3), Fraction(-1)):
        with pytest.raises(ConfigError, match="first divisor must lie"):
            get_method("modified-sainte-lague", first_divisor=bad)
