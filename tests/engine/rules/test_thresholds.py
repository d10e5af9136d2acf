"""Thresholds: exact boundaries, bases, list types, exemptions."""

from decimal import Decimal
from fractions import Fraction

import pytest
import votelib.evaluate.threshold as vl_threshold
from hypothesis import given, settings
from hypothesis import strategies as st

from seatcast.engine.errors import AllocationError, ConfigError
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.rules.thresholds import Threshold
from tests.strategies import vote_counts


def ballots(votes, others=None, types=None):
    return ballots_from_counts({f"p{i}": v for i, v in enumerate(votes)}, others or {}, types or {})


def test_share_exactly_at_the_threshold_passes_unless_strict():
    at = ballots([5, 95])
    assert Threshold(Fraction("0.05")).eligible(at) == (True, True)
    assert Threshold(Fraction("0.05"), strict=True).eligible(at) == (False, True)
    below = ballots([4999, 95001])
    assert Threshold(Fraction("0.05")).eligible(below) == (False, True)


def test_base_all_counts_no_seat_ballots():
    # p0 has 51/1000 of party votes but 51/1050 < 5 % of all ballots.
    b = ballots([51, 949], {"Against all": 50})
    assert Threshold(Fraction(1, 20), "parties").eligible(b) == (True, True)
    assert Threshold(Fraction(1, 20), "all").eligible(b) == (False, True)


def test_list_type_party_threshold_and_exemption():
    b = ballots([60, 70, 10, 860], types={"p1": "coalition"})
    rule = Threshold(
        Fraction(1, 20),
        by_type={"coalition": Fraction(2, 25)},
        by_party={"p0": Fraction(1, 10)},
        exempt=frozenset({"p2"}),
    )
    # p0 needs its own 10 %, p1 the coalition 8 %, p2 is exempt.
    assert rule.eligible(b) == (False, False, True, True)
    assert rule.required("p0", "party") == Fraction(1, 10)
    assert rule.required("p1", "coalition") == Fraction(2, 25)


def test_zero_vote_party_never_takes_part():
    assert Threshold().eligible(ballots([0, 10])) == (False, True)
    assert Threshold(exempt=frozenset({"p0"})).eligible(ballots([0, 10])) == (False, True)


def test_no_party_passing_is_said_clearly():
    with pytest.raises(AllocationError, match=r"no party passes the threshold.*'p1'"):
        Threshold(Fraction(1, 2)).eligible(ballots([30, 40, 30]))
    with pytest.raises(AllocationError, match="no votes"):
        Threshold().eligible(ballots([0, 0]))


def test_named_parties_must_exist():
    with pytest.raises(ConfigError, match="exempt party 'nobody'"):
        Threshold(exempt=frozenset({"nobody"})).eligible(ballots([1, 2]))
    with pytest.raises(ConfigError, match="party threshold party 'x'"):
        Threshold(by_party={"x": Fraction(1, 10)}).eligible(ballots([1, 2]))


@pytest.mark.parametrize("bad", [Fraction(-1, 10), Fraction(1), Fraction(5)])
def test_threshold_outside_unit_interval_is_refused(bad):
    with pytest.raises(ConfigError, match=r"in \[0, 1\)"):
        Threshold(bad)


@given(
    votes=vote_counts(max_parties=8),
    others=st.integers(0, 10**5),
    percent=st.integers(0, 99),
    strict=st.booleans(),
    base=st.sampled_from(["parties", "all"]),
)
@settings(max_examples=500)
def test_matches_the_definition(votes, others, percent, strict, base):
    b = ballots(votes, {"other": others})
    fraction = Fraction(percent, 100)
    total = sum(votes) + (others if base == "all" else 0)
    expected = tuple(
        v > 0 and (Fraction(v, total) > fraction if strict else Fraction(v, total) >= fraction)
        for v in votes
    )
    try:
        got = Threshold(fraction, base, strict).eligible(b)
    except AllocationError:
        assert not any(expected)
        return
    assert got == expected


@given(votes=vote_counts(max_parties=8), percent=st.integers(0, 99))
@settings(max_examples=300)
def test_strict_threshold_matches_votelib(votes, percent):
    # votelib's ">=" compares the vote count, not the share, with the threshold
    # (a party exactly at it is dropped), so only its strict form is a reference.
    rule = vl_threshold.RelativeThreshold(Decimal(percent) / 100, accept_equal=False)
    theirs = set(rule.evaluate({f"p{i}": v for i, v in enumerate(votes)}))
    try:
        ours = Threshold(Fraction(percent, 100), strict=True).eligible(ballots(votes))
    except AllocationError:
        assert not {p for p in theirs if votes[int(p[1:])] > 0}
        return
    assert {f"p{i}" for i, ok in enumerate(ours) if ok} == {
        p for p in theirs if votes[int(p[1:])] > 0
    }
