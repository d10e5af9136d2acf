"""The vectorised exp of the draws against the C library's, to the last bit but one."""

import numpy as np
import pytest

from seatcast.engine.kernels.exponential import HIGHEST, LOWEST, PASS_SIZE, exp_in_place


def ulps_from_numpy(values):
    """How many units in the last place ``exp_in_place`` is from ``np.exp``, per value."""
    ours = values.copy()
    exp_in_place(ours)
    reference = np.exp(values)
    return np.abs(ours - reference) / np.spacing(reference)


def test_within_one_ulp_of_the_c_library_over_the_whole_range():
    rng = np.random.default_rng(11)
    values = np.concatenate(
        [
            rng.uniform(LOWEST, HIGHEST, 200_000),
            rng.normal(-2.0, 1.0, 200_000),  # log shares plus noise, as the models draw them
            np.linspace(-1.0, 1.0, 20_001),
            np.arange(-700, 701) * np.log(2) / 2,  # the ends of the reduction's intervals
        ]
    )
    ulps = ulps_from_numpy(values)
    assert ulps.max() <= 1.0
    assert (ulps == 0).mean() > 0.8  # mostly the same bits, not merely close


def test_no_votes_and_tiny_weights_give_exactly_zero():
    values = np.array([-np.inf, -1e300, -745.2, LOWEST - 1e-9, LOWEST, 0.0])
    exp_in_place(values)
    assert list(values[:4]) == [0.0, 0.0, 0.0, 0.0]
    assert values[4] > 0.0 and values[5] == 1.0


def test_arguments_above_the_highest_are_taken_at_it():
    values = np.array([HIGHEST, HIGHEST + 1.0, 1e300])
    exp_in_place(values)
    assert np.isfinite(values).all()
    assert values[1] == values[2] == values[0]
    assert abs(values[0] - np.exp(HIGHEST)) <= np.spacing(np.exp(HIGHEST))


@pytest.mark.parametrize("length", [0, 1, 3, 4, 5, PASS_SIZE - 1, PASS_SIZE, PASS_SIZE + 1, 1000])
def test_every_length_and_every_tail_of_a_pass(length):
    values = np.random.default_rng(length).normal(0.0, 3.0, length)
    assert ulps_from_numpy(values).max(initial=0.0) <= 1.0
