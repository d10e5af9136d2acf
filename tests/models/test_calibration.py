"""The nowcasts are calibrated on 200 synthetic elections at 25, 50 and 90 % counted.

Both models are judged: with units (every precinct a known unit with its
previous result, the model for real counts) and without (regions as the
snapshots give them).  The full report (coverage, PIT histograms,
reliability) is printed by ``python -m tests.models.calibration``; the
README quotes it.
"""

import numpy as np
import pytest

from tests.models.calibration import FRACTIONS, calibrate

#: Level of the PIT test: a chi-square test of the randomised PIT's deciles
#: against uniform that rejects at this level fails the forecasts.
PIT_LEVEL = 0.01


@pytest.fixture(scope="module")
def units():
    return calibrate(200, seed=0, units=True)


@pytest.fixture(scope="module")
def regions():
    return calibrate(200, seed=0)


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_90_percent_intervals_cover_the_final_seats(units, regions, fraction):
    for results in (units, regions):
        coverage, n = results[fraction].coverage()
        assert n >= 200
        assert coverage >= 0.85
        degenerate, n_degenerate = results[fraction].coverage(degenerate=True)
        assert n_degenerate >= 200
        assert degenerate >= 0.97


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_randomised_pit_passes_a_chi_square_test(units, fraction):
    assert units[fraction].pit_histogram().sum() >= 200
    assert units[fraction].pit_p_value() >= PIT_LEVEL


@pytest.mark.parametrize("fraction", FRACTIONS)
def test_clearing_the_threshold_is_calibrated(units, regions, fraction):
    for results in (units, regions):
        brier, base_rate = results[fraction].brier()
        assert brier < 0.15 * base_rate
        for _, _, n, mean, observed in results[fraction].reliability():
            if n >= 20:
                assert abs(mean - observed) < 0.2


def test_uncertainty_shrinks_as_the_count_goes_on(units, regions):
    for results in (units, regions):
        degenerate = [np.mean(results[f].degenerate) for f in FRACTIONS]
        assert degenerate == sorted(degenerate)
