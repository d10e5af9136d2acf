"""The nowcast model: its ballots left, its prior, its kernel against a NumPy reference."""

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.engine.kernels.normals import new_stream
from seatcast.engine.run.plan import chunk_generator
from seatcast.models.nowcast import Dispersion, NowcastModel
from seatcast.models.registry import BLOCK_SIZE, draw_block
from seatcast.models.snapshots import SIZE_FIELDS, Snapshot
from tests.normals import stream_normals

COMPONENTS = ("A", "B", "C", "Blank")


def snapshot(counted, **sizes):
    """A snapshot of len(counted) regions; sizes as lists, None for not given."""
    counted = np.array(counted, dtype=np.int64)
    arrays = {}
    for field in SIZE_FIELDS:
        values = sizes.get(field, [None] * len(counted))
        arrays[field] = np.array([np.nan if v is None else v for v in values], dtype=float)
    regions = tuple(f"R{i}" for i in range(len(counted)))
    return Snapshot("s", "", regions, COMPONENTS, counted, arrays)


def reference_block(params, rng, rows):
    """A block of ``rows`` draws of the nowcast kernel, plainly with NumPy from its docstrings.

    The block's normals come from its stream, seeded first from ``rng``, in
    runs of one per row: a row takes the same place in every run.
    """
    n = params.counted.shape[0]
    n_regions = params.log_centre.shape[0]
    per_row = n_regions * (n + 1) + n * (params.swing_sd > 0) + n * (params.prior_swing_sd > 0)
    normals = stream_normals(new_stream(rng), rows * per_row).reshape(per_row, rows).T
    return np.array([reference_draw(params, iter(z)) for z in normals])


def reference_draw(params, normals):
    """One draw of the nowcast kernel, taking its normals from the iterator ``normals``."""
    n = params.counted.shape[0]

    def take(count):
        return np.array([next(normals) for _ in range(count)])

    swing = params.swing_sd * take(n) if params.swing_sd > 0 else np.zeros(n)
    prior_swing = params.prior_swing_sd * take(n) if params.prior_swing_sd > 0 else np.zeros(n)
    final = params.counted.copy()
    for r in range(params.log_centre.shape[0]):
        ballots = params.remaining_mean[r] + params.remaining_sd[r] * next(normals)
        noise = params.region_sd[r] * take(n)
        weights = np.exp(
            params.log_centre[r] + noise + swing + params.prior_weight[r] * prior_swing
        )
        if ballots > 0:
            final = final + ballots * weights / weights.sum()
    return final


def test_kernel_matches_the_numpy_reference():
    model = NowcastModel.from_snapshot(
        snapshot(
            [[500, 300, 100, 10], [0, 0, 0, 0], [40, 60, 0, 1]],
            precincts_reported=[5, 0, 1],
            precincts_total=[10, 4, 20],
            registered=[None, 3000, None],
            turnout=[None, 0.5, None],
            turnout_sd=[None, 0.05, None],
        )
    )
    params = model.kernel_params()
    drawn = draw_block(params, chunk_generator(7, 0), 0, BLOCK_SIZE + 50, len(COMPONENTS))
    rng = chunk_generator(7, 0)
    expected = np.vstack([reference_block(params, rng, size) for size in (BLOCK_SIZE, 50)])
    np.testing.assert_allclose(drawn, expected, rtol=1e-12)


def test_a_finished_count_draws_exactly_the_counted_votes():
    counted = [[500, 300, 100, 10], [7, 9, 0, 1]]
    model = NowcastModel.from_snapshot(
        snapshot(counted, precincts_reported=[10, 3], precincts_total=[10, 3])
    )
    draws = draw_block(model.kernel_params(), chunk_generator(1, 0), 0, 100, 4)
    assert (draws == np.array(counted).sum(axis=0)).all()
    assert model.counted_fraction() == 1.0


def test_only_unfinished_regions_are_simulated():
    model = NowcastModel.from_snapshot(
        snapshot(
            [[500, 300, 100, 10], [40, 60, 0, 1]],
            precincts_reported=[10, 1],
            precincts_total=[10, 2],
        )
    )
    params = model.kernel_params()
    assert params.log_centre.shape == (1, 4)
    assert params.remaining_mean.tolist() == [101.0]  # 101 ballots per precinct, one left
    draws = draw_block(params, chunk_generator(1, 0), 0, 1000, 4)
    assert (draws >= np.array([540, 360, 100, 11])).all()
    assert model.counted_fraction() == pytest.approx(1011 / 1112)


def test_sizes_combine_by_inverse_variance_and_exact_sizes_win():
    counted = [[60, 30, 10, 0]] * 3
    model = NowcastModel.from_snapshot(
        snapshot(
            counted,
            precincts_reported=[1, 1, 1],
            precincts_total=[2, 2, 2],
            expected=[None, 300, 300],
            expected_sd=[None, 10, 0],
        )
    )
    mean, sd, finished = model.remaining()
    spread = model.dispersion
    relative = np.sqrt(spread.precinct_ballots_cv**2 * 2 + spread.late_size_sd**2)
    assert mean[0] == pytest.approx(100) and sd[0] == pytest.approx(100 * relative)
    precisions = np.array([1 / sd[0] ** 2, 1 / 100])
    assert mean[1] == pytest.approx((100 * precisions[0] + 200 * precisions[1]) / precisions.sum())
    assert sd[1] == pytest.approx(precisions.sum() ** -0.5)
    assert (mean[2], sd[2]) == (200, 0)
    assert not finished.any()


def test_an_exact_expected_size_that_is_reached_finishes_a_region():
    model = NowcastModel.from_snapshot(snapshot([[60, 30, 10, 0]], expected=[100]))
    assert model.remaining()[2].tolist() == [True]


def test_a_silent_region_is_sized_at_the_national_ballots_per_precinct():
    model = NowcastModel.from_snapshot(
        snapshot(
            [[60, 30, 10, 0], [0, 0, 0, 0]],
            precincts_reported=[2, 0],
            precincts_total=[4, 3],
        )
    )
    mean, sd, _ = model.remaining()
    assert mean[1] == 150 and sd[1] == pytest.approx(model.dispersion.size_sd * 150)


def test_uncounted_regions_centre_on_the_prior():
    counted = [[600, 300, 100, 0], [0, 0, 0, 0]]
    sizes = {"precincts_reported": [5, 0], "precincts_total": [10, 10]}
    model = NowcastModel.from_snapshot(snapshot(counted, **sizes))
    params = model.kernel_params()
    np.testing.assert_allclose(np.exp(params.log_centre[1]), [0.6, 0.3, 0.1, 0.0])
    assert params.prior_weight[1] == 1.0
    spread = model.dispersion
    data = 5 / spread.precinct_sd**2  # five precincts against the prior
    assert params.prior_weight[0] == pytest.approx(1 - data / (data + 1 / spread.prior_sd**2))
    previous = snapshot([[100, 100, 0, 0], [200, 600, 200, 0]])
    model = NowcastModel.from_snapshot(snapshot(counted, **sizes), previous=previous)
    np.testing.assert_allclose(np.exp(model.kernel_params().log_centre[1]), [0.2, 0.6, 0.2, 0])


def test_the_projection_narrows_as_precincts_report():
    spreads = []
    for reported in (1, 10, 50, 90):
        model = NowcastModel.from_snapshot(
            snapshot(
                [[600 * reported, 300 * reported, 100 * reported, 0]],
                precincts_reported=[reported],
                precincts_total=[100],
            )
        )
        draws = draw_block(model.kernel_params(), chunk_generator(5, 0), 0, 4000, 4)
        spreads.append(np.std(draws[:, 0] / draws.sum(axis=1)))
    assert spreads == sorted(spreads, reverse=True)
    assert spreads[-1] < spreads[0] / 5


def test_nothing_counted_and_no_prior_is_refused():
    model = NowcastModel.from_snapshot(snapshot([[0, 0, 0, 0]], registered=[1000], turnout=[0.5]))
    with pytest.raises(ConfigError, match="nothing is counted yet"):
        model.kernel_params()


def test_precincts_reported_without_their_total_needs_units():
    with pytest.raises(ConfigError, match="give precincts_reported and precincts_total together"):
        NowcastModel.from_snapshot(snapshot([[1, 0, 0, 0]], precincts_reported=[3]))


@pytest.mark.parametrize(
    ("sizes", "message"),
    [
        ({}, "says nothing of how much is left"),
        ({"precincts_reported": [0], "precincts_total": [5]}, "no precinct has reported anywhere"),
    ],
)
def test_unsized_regions_are_refused(sizes, message):
    model = NowcastModel.from_snapshot(snapshot([[0, 0, 0, 0]], **sizes))
    with pytest.raises(ConfigError, match=message):
        model.remaining()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"precinct_sd": 0}, "nowcast.precinct_sd must be a positive number"),
        ({"swing_sd": -0.1}, "nowcast.swing_sd must be a non-negative number"),
        ({"late_sd": float("nan")}, "nowcast.late_sd"),
    ],
)
def test_bad_dispersion_is_refused(settings, message):
    with pytest.raises(ConfigError, match=message):
        Dispersion(**settings)


def test_zero_swings_are_allowed():
    model = NowcastModel.from_snapshot(
        snapshot([[60, 30, 10, 0]], precincts_reported=[1], precincts_total=[3]),
        Dispersion(swing_sd=0, prior_swing_sd=0, late_sd=0),
    )
    params = model.kernel_params()
    drawn = draw_block(params, chunk_generator(3, 0), 0, 20, 4)
    np.testing.assert_allclose(drawn, reference_block(params, chunk_generator(3, 0), 20))
