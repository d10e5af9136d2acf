"""numba kernels against the exact engine, draw by draw, ties included."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numba import njit

from seatcast.engine.errors import AllocationError
from seatcast.engine.kernels.allocation import SCRATCH_PER_PARTY, DivisorRule
from seatcast.engine.kernels.allocation import _settle_dense as settle_dense
from seatcast.engine.kernels.codes import NO_ELIGIBLE_PARTY, OK, TOO_FEW_REMAINDERS, TOO_FEW_SEATS
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.rules.methods import METHOD_NAMES, get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy
from seatcast.engine.run.compiled_rules import allocate_draw, compile_rules
from tests.strategies import EDGE_CASES, seat_counts, vote_counts


def system_for(method, n_seats, threshold=Fraction(0), **kwargs):
    return ElectionSystem(
        n_seats, get_method(method), Threshold(threshold, **kwargs), TiePolicy("list-order")
    )


def check_against_exact(system, votes, others=0):
    ballots = ballots_from_counts(
        {f"p{i}": v for i, v in enumerate(votes)}, {"other": others} if others else {}
    )
    rules = compile_rules(system, ballots)
    seats, eligible, status = allocate_draw(rules, [float(v) for v in votes], float(others))
    try:
        exact = system.allocate(ballots)
    except AllocationError:
        assert status != OK
        return
    assert status == OK
    assert list(eligible) == list(exact.eligible)
    assert list(seats) == list(exact.seats)


@pytest.mark.parametrize("method", METHOD_NAMES)
@given(votes=vote_counts(max_votes=10**6), n_seats=seat_counts(max_seats=600))
@settings(max_examples=300)
def test_kernel_equals_exact_allocation(method, votes, n_seats):
    check_against_exact(system_for(method, n_seats), votes)


@pytest.mark.parametrize("method", METHOD_NAMES)
@pytest.mark.parametrize(("case", "votes", "n_seats"), EDGE_CASES)
def test_kernel_edge_cases(method, case, votes, n_seats):
    check_against_exact(system_for(method, n_seats), votes)


@pytest.mark.parametrize("method", ["hare", "dhondt", "sainte-lague"])
@given(
    votes=vote_counts(min_parties=2, max_parties=8, max_votes=10**5),
    others=st.integers(0, 10**4),
    percent=st.integers(0, 30),
    strict=st.booleans(),
    base=st.sampled_from(["parties", "all"]),
)
@settings(max_examples=300)
def test_kernel_thresholds_equal_exact(method, votes, others, percent, strict, base):
    system = system_for(method, 50, Fraction(percent, 100), strict=strict, base=base)
    check_against_exact(system, votes, others)


def test_shares_exactly_at_the_threshold():
    # 5 of 100 at 5 %: exact in binary too, so the kernel agrees on the boundary.
    check_against_exact(system_for("hare", 10, Fraction(1, 20)), [5, 60, 35])
    check_against_exact(system_for("hare", 10, Fraction(1, 20), strict=True), [5, 60, 35])


@pytest.mark.parametrize("method", ["dhondt", "sainte-lague", "hare", "huntington-hill"])
def test_float_draws_equal_exact_on_their_exact_values(method):
    # Continuous draws: the exact engine reads each float exactly, scaled to integers.
    rng = np.random.default_rng(11)
    system = system_for(method, 69, Fraction(1, 20))
    for _ in range(300):
        shares = rng.dirichlet(np.full(8, 3.0))
        exact_units = [Fraction(float(s)) * 2**60 for s in shares]
        assert all(u.denominator == 1 for u in exact_units)
        ballots = ballots_from_counts(
            {f"p{i}": int(u) for i, u in enumerate(exact_units)}, most=None
        )
        seats, _, status = allocate_draw(compile_rules(system, ballots), shares)
        assert status == OK
        assert list(seats) == list(system.allocate(ballots).seats)


def test_failure_codes():
    rules = compile_rules(system_for("adams", 2), ballots_from_counts({"a": 1, "b": 1, "c": 1}))
    assert allocate_draw(rules, [5.0, 4.0, 3.0])[2] == TOO_FEW_SEATS
    rules = compile_rules(system_for("droop", 9), ballots_from_counts({"a": 1, "b": 1}))
    assert allocate_draw(rules, [2.0, 1.0])[2] == TOO_FEW_REMAINDERS
    rules = compile_rules(system_for("hare", 9, Fraction(1, 2)), ballots_from_counts({"a": 1}))
    assert allocate_draw(rules, [0.0])[2] == NO_ELIGIBLE_PARTY


def test_modified_first_divisor_ties_stay_exact():
    # 7 / 1.4 = 15 / 3 = 5 exactly: a tie that binary 1.4 would break by rounding.
    system = ElectionSystem(
        2, get_method("modified-sainte-lague"), Threshold(), TiePolicy("list-order")
    )
    for votes in ([7, 15], [15, 7], [14, 30, 7]):
        check_against_exact(system, votes)


@njit
def _settle(votes, eligible, rule, out):
    return settle_dense(votes, eligible, rule, np.empty(SCRATCH_PER_PARTY * votes.size), out)


def test_the_dense_walk_settles_plain_draws_and_leaves_ties_to_the_full_walk():
    """The fast path answers only when its check proves the allocation; ties go on."""
    dhondt = DivisorRule(3, 1.0, 1.0, 1.0, False)
    out = np.full(4, -1, dtype=np.int64)
    assert not _settle(np.array([3.0, 3.0, 3.0, 4.0]), np.ones(4, np.bool_), dhondt, out)
    assert list(out) == [-1, -1, -1, -1]  # nothing written
    rng = np.random.default_rng(5)
    settled = 0
    for _ in range(200):
        votes = np.round(rng.dirichlet(np.ones(6)) * 1e7)
        eligible = votes > 0.05 * votes.sum()
        rule = DivisorRule(int(rng.integers(1, 40)), 1.0, 1.0, 1.0, False)
        out = np.empty(6, dtype=np.int64)
        if _settle(votes, eligible, rule, out):
            settled += 1
            names = {f"p{i}": int(v) for i, v in enumerate(votes)}
            exact = ElectionSystem(
                rule.n_seats, get_method("dhondt"), Threshold(Fraction(1, 20)),
                TiePolicy("list-order"),
            ).allocate(ballots_from_counts(names))  # fmt: skip
            assert list(out) == list(exact.seats)
    assert settled == 200  # no two claims are equal among these votes
