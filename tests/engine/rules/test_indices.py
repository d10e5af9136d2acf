"""Effective number of parties and Gallagher's index: kernels against exact arithmetic."""

import math
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numba import njit

from seatcast.engine.kernels.indices import INDEX_BINS, effective_parties, gallagher, index_bin
from seatcast.engine.rules.indices import effective_parties_exact, gallagher_exact
from tests.configs import KAZAKHSTAN_SEATS

KAZAKHSTAN_VOTES = [3431510, 693938, 547154, 535139, 432920, 331058, 146431, 248291]


@njit
def _both(weights, seats):
    return effective_parties(seats), gallagher(weights, seats)


def test_kazakhstan_2023_by_hand():
    # 69**2 / (40**2 + 8**2 + 6**2 + 6**2 + 5**2 + 4**2) = 4761 / 1777
    assert effective_parties_exact(KAZAKHSTAN_SEATS) == Fraction(4761, 1777)
    total = sum(KAZAKHSTAN_VOTES)
    squares = sum(
        (100 * v / total - 100 * s / 69) ** 2
        for v, s in zip(KAZAKHSTAN_VOTES, [*KAZAKHSTAN_SEATS, 0], strict=True)
    )
    assert math.isclose(gallagher_exact(KAZAKHSTAN_VOTES, KAZAKHSTAN_SEATS), math.sqrt(squares / 2))
    assert round(gallagher_exact(KAZAKHSTAN_VOTES, KAZAKHSTAN_SEATS), 2) == 4.37


def test_proportional_and_one_party_extremes():
    assert gallagher_exact([30, 70], [3, 7]) == 0.0
    assert effective_parties_exact([5, 5, 5, 5]) == 4
    assert effective_parties_exact([9, 0, 0]) == 1
    assert effective_parties_exact([0, 0]) == 0  # nothing allocated
    # All seats to a party with half the votes: sqrt(((50 - 100)**2 + 50**2) / 2) = 50.
    assert gallagher_exact([1, 1], [4, 0]) == 50.0


@given(
    votes=st.lists(st.integers(0, 10**7), min_size=1, max_size=12).filter(any),
    data=st.data(),
)
@settings(max_examples=300)
def test_kernels_equal_exact_values(votes, data):
    n_parties = data.draw(st.integers(1, len(votes)))
    seats = data.draw(st.lists(st.integers(0, 300), min_size=n_parties, max_size=n_parties))
    if not any(seats):
        seats[0] = 1
    effective, disproportion = _both(
        np.array(votes, dtype=np.float64), np.array(seats, dtype=np.int64)
    )
    assert effective == float(effective_parties_exact(seats))
    assert math.isclose(disproportion, gallagher_exact(votes, seats), rel_tol=1e-9, abs_tol=1e-9)


def test_bins_cover_the_range_and_keep_the_top_edge():
    bins = njit(lambda value, top: index_bin(value, top))
    assert bins(0.0, 7.0) == 0
    assert bins(7.0, 7.0) == INDEX_BINS - 1
    assert bins(3.5, 7.0) == INDEX_BINS // 2
