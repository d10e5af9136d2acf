"""Districts settled together against the one-at-a-time kernel and the exact engine."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numba import njit

from seatcast.engine.kernels.allocation import SCRATCH_PER_PARTY, DivisorRule, allocate_divisor
from seatcast.engine.kernels.codes import OK
from seatcast.engine.kernels.divisor_districts import (
    gather_districts,
    make_district_table,
    settle_districts,
    takes_part,
)
from seatcast.engine.rules.methods import get_method
from seatcast.engine.run.compiled_rules import method_fields

#: The divisor methods that give no first seats: the ones settled together.
METHODS = ["dhondt", "sainte-lague", "modified-sainte-lague", "danish", "imperiali"]


@njit(cache=True)
def _settle(votes, magnitudes, eligible, exempt, fraction, strict, slope, offset, first):
    """Each district's seats by the batch ([0]) and one at a time ([1]); which were settled."""
    n_districts, n_parties = magnitudes.shape[0], eligible.shape[0]
    width = votes.shape[0] // n_districts
    table = make_district_table(n_districts, n_parties)
    k = gather_districts(votes, width, eligible, exempt, fraction, n_parties, strict, table)
    settle_districts(k, magnitudes, slope, offset, first, table)
    batch = np.zeros((n_districts, n_parties), dtype=np.int64)
    alone = np.zeros((n_districts, n_parties), dtype=np.int64)
    status = np.zeros(n_districts, dtype=np.int64)
    work = np.empty(SCRATCH_PER_PARTY * n_parties)
    takes = np.empty(n_parties, dtype=np.bool_)
    out = np.empty(n_parties, dtype=np.int64)
    for d in range(n_districts):
        for e in range(k):
            batch[d, table.lists[e]] = int(table.seats[e, d])
        base = 0.0
        for i in range(n_parties):
            base += votes[d * width + i]
        for i in range(n_parties):
            takes[i] = takes_part(
                votes[d * width + i], eligible[i], exempt[i], fraction * base, strict
            )
        rule = DivisorRule(magnitudes[d], slope, offset, first, False)
        status[d] = allocate_divisor(votes[d * width : (d + 1) * width], takes, rule, work, out)
        alone[d] = out
    return batch, alone, status, table.settled.copy()


def settle(votes, magnitudes, method, eligible=None, exempt=None, fraction=0.0, strict=False):
    votes = np.asarray(votes, dtype=np.float64)
    magnitudes = np.asarray(magnitudes, dtype=np.int64)
    n_parties = votes.size // magnitudes.size
    eligible = np.ones(n_parties, dtype=bool) if eligible is None else np.asarray(eligible)
    exempt = np.zeros(n_parties, dtype=bool) if exempt is None else np.asarray(exempt)
    _, slope, offset, first, geometric, _ = method_fields(get_method(method))
    assert not geometric and first > 0
    return _settle(votes, magnitudes, eligible, exempt, fraction, strict, slope, offset, first)


def exact_seats(votes, n_seats, method):
    """Seats one at a time to the highest exact claim, the first listed of equals."""
    divisor = get_method(method).divisor
    seats = [0] * len(votes)
    for _ in range(n_seats):
        claims = [
            Fraction(v) / divisor(s) if v > 0 else -1 for v, s in zip(votes, seats, strict=True)
        ]
        seats[claims.index(max(claims))] += 1
    return seats


@st.composite
def district_rows(draw):
    """A drawn table of districts: (votes by district, magnitudes)."""
    n_parties = draw(st.integers(1, 8))
    n_districts = draw(st.integers(1, 12))
    count = st.one_of(
        st.integers(1, 10**6), st.integers(0, 20), st.sampled_from([0, 1, 100, 10**5])
    )
    rows = [
        draw(st.lists(count, min_size=n_parties, max_size=n_parties).filter(any))
        for _ in range(n_districts)
    ]
    magnitudes = draw(st.lists(st.integers(1, 40), min_size=n_districts, max_size=n_districts))
    return rows, magnitudes


@pytest.mark.parametrize("method", METHODS)
@given(case=district_rows())
@settings(max_examples=150, deadline=None)
def test_settled_districts_have_the_exact_seats(method, case):
    rows, magnitudes = case
    batch, alone, status, settled = settle(np.concatenate(rows), magnitudes, method)
    for d, (row, n_seats) in enumerate(zip(rows, magnitudes, strict=True)):
        assert status[d] == OK
        assert list(alone[d]) == exact_seats(row, n_seats, method)
        if settled[d]:
            assert list(batch[d]) == list(alone[d])


@pytest.mark.parametrize("method", METHODS)
def test_continuous_draws_settle_nearly_every_district_and_match(method):
    rng = np.random.default_rng(3)
    magnitudes = rng.integers(3, 21, size=41)
    votes = rng.lognormal(10.0, 1.5, size=(41, 9))
    eligible = np.array([True, True, False, True, True, True, False, True, True])
    batch, alone, status, settled = settle(votes.ravel(), magnitudes, method, eligible)
    assert (status == OK).all()
    assert np.array_equal(batch, alone)
    assert settled.all()


def test_equal_claims_are_left_to_the_walk_over_every_list():
    # D'Hondt, 2 seats: 600 and 300 tie for the second seat (300 / 1 = 600 / 2);
    # the list listed first takes it, which only the one-at-a-time walk knows.
    batch, alone, _, settled = settle([600, 300, 0, 90, 60, 30], [2, 2], "dhondt")
    assert list(settled) == [False, True]
    assert list(alone[0]) == [2, 0, 0] == exact_seats([600, 300, 0], 2, "dhondt")
    assert list(batch[1]) == list(alone[1]) == [1, 1, 0]


def test_a_district_one_seat_over_gives_the_weakest_last_seat_back():
    # Sainte-Laguë's estimate floor(v S / V + 1/2) gives 1 + 1 + 1 = 3 of 2
    # seats here, so the lowest claim to a last seat (27) gives it back.
    batch, alone, _, settled = settle([40, 33, 27], [2], "sainte-lague")
    assert settled[0]
    assert list(batch[0]) == list(alone[0]) == [1, 1, 0]
    assert list(alone[0]) == exact_seats([40, 33, 27], 2, "sainte-lague")


def test_a_district_one_seat_short_gives_it_to_the_highest_claim():
    # D'Hondt's estimate floor(v (S + k / 2) / V) is 0 for every list of the first district.
    batch, alone, _, settled = settle([33, 34, 33, 66, 20, 14], [1, 2], "dhondt")
    assert settled.all()
    assert list(batch[0]) == list(alone[0]) == [0, 1, 0] == exact_seats([33, 34, 33], 1, "dhondt")
    assert list(batch[1]) == list(alone[1]) == [2, 0, 0] == exact_seats([66, 20, 14], 2, "dhondt")


def test_a_district_two_seats_off_takes_the_walk_and_settles():
    # Sainte-Laguë: every estimate rounds 0.36-0.44 down, two seats short.
    votes = [22, 21, 20, 19, 18]
    batch, alone, _, settled = settle(votes, [2], "sainte-lague")
    assert settled[0]
    assert list(batch[0]) == list(alone[0]) == [1, 1, 0, 0, 0]
    assert list(alone[0]) == exact_seats(votes, 2, "sainte-lague")


def test_the_district_bar_and_exemptions_decide_who_takes_part():
    votes = [500, 300, 150, 50, 400, 300, 100, 180]
    exempt = [False, False, False, True]
    batch, alone, _, settled = settle(
        votes, [5, 5], "dhondt", exempt=exempt, fraction=0.2, strict=False
    )
    assert settled.all()
    assert np.array_equal(batch, alone)
    # District 1: 150 of 1000 misses the 20 % bar; the exempt 50 takes part.
    assert list(batch[0]) == [3, 2, 0, 0]
    # District 2: the bar is 196 votes; the exempt list's 180 win a seat.
    assert list(batch[1]) == [2, 2, 0, 1]


def test_a_district_without_eligible_votes_is_left_unsettled():
    _, _, status, settled = settle([100, 0, 0, 50], [2, 2], "dhondt", eligible=[True, False])
    assert list(settled) == [True, False]
    assert status[1] != OK
