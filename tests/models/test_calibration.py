"""The nowcast is calibrated on 200 synthetic elections at 25, 50 and 90 % counted.

The full report (coverage, PIT histograms, reliability) is printed by
``python -m tests.models.calibration``; the README quotes it.
"""

import numpy as np
import pytest

from tests.models.calibration import FRACTIONS, calibrate


@pytest.fixture(scope="module")
def results():
    return calibrate(200, seed=0)


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_90_percent_intervals_cover_the_final_seats(results, fraction):
    coverage, n = results[fraction].coverage()
    assert n >= 500
    assert coverage >= 0.85
    degenerate, n_degenerate = results[fraction].coverage(degenerate=True)
    assert n_degenerate >= 200
    assert degenerate >= 0.97


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_randomised_pit_looks_uniform(results, fraction):
    histogram = results[fraction].pit_histogram()
    expected = histogram.sum() / histogram.size
    assert (histogram > 0.5 * expected).all() and (histogram < 1.5 * expected).all()


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_clearing_the_threshold_is_calibrated(results, fraction):
    brier, base_rate = results[fraction].brier()
    assert brier < 0.15 * base_rate
    for _, _, n, mean, observed in results[fraction].reliability():
        if n >= 20:
            assert abs(mean - observed) < 0.2


def test_uncertainty_shrinks_as_the_count_goes_on(results):
    degenerate = [np.mean(results[f].degenerate) for f in FRACTIONS]
    assert degenerate == sorted(degenerate)
