"""Vote-share models: their draws have the moments they promise, and bad parameters are refused."""

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.engine.run.plan import chunk_generator
from seatcast.models.dirichlet import DirichletModel
from seatcast.models.logit_normal import LogitNormalModel
from seatcast.models.registry import draw_block

NAMES = ("a", "b", "c", "other")
SHARES = np.array([0.5, 0.3, 0.15, 0.05])


def draws_of(model, n=200_000, seed=3):
    block = draw_block(model.kernel_params(), chunk_generator(seed, 0), 0, n, len(model.names))
    return block / block.sum(axis=1, keepdims=True)


def test_dirichlet_moments_match_a_poll_of_its_sample_size():
    model = DirichletModel.from_sample_size(NAMES, SHARES, 1000)
    shares = draws_of(model)
    assert np.allclose(shares.mean(axis=0), SHARES, atol=1e-3)
    expected_sd = np.sqrt(SHARES * (1 - SHARES) / 1000)
    assert np.allclose(shares.std(axis=0), expected_sd, rtol=0.02)


def test_dirichlet_keeps_zero_shares_at_zero():
    model = DirichletModel(("a", "b"), [1.0, 0.0], 50.0)
    assert np.all(draws_of(model, 1000)[:, 1] == 0)


def test_logit_normal_noise_has_the_given_covariance():
    sd = np.array([0.1, 0.2, 0.05, 0.3])
    correlation = np.array(
        [[1, -0.5, 0, 0], [-0.5, 1, 0.3, 0], [0, 0.3, 1, 0], [0, 0, 0, 1]], dtype=float
    )
    model = LogitNormalModel.from_sd(NAMES, SHARES, sd, correlation)
    block = draw_block(model.kernel_params(), chunk_generator(1, 0), 0, 200_000, 4)
    noise = np.log(block) - np.log(SHARES)
    assert np.allclose(np.cov(noise.T), correlation * np.outer(sd, sd), atol=3e-3)


def test_logit_normal_systematic_error_moves_parties_together():
    model = LogitNormalModel.from_sd(
        NAMES, SHARES, 0.01, systematic=np.array([0.2, -0.2, 0.0, 0.0])
    )
    block = draw_block(model.kernel_params(), chunk_generator(1, 0), 0, 100_000, 4)
    noise = np.log(block) - np.log(SHARES)
    assert np.corrcoef(noise[:, 0], noise[:, 1])[0, 1] < -0.95
    assert np.std(noise[:, 0]) == pytest.approx(np.hypot(0.2, 0.01), rel=0.02)


def test_zero_sd_is_a_point_mass_at_the_observed_shares():
    model = LogitNormalModel.from_sd(NAMES, SHARES, 0.0)
    assert np.allclose(draws_of(model, 100), SHARES, rtol=1e-12)


def test_draws_do_not_depend_on_how_a_chunk_is_cut():
    model = LogitNormalModel.from_sd(NAMES, SHARES, 0.1, systematic=[0.1, 0, 0, 0])
    params = model.kernel_params()
    whole = draw_block(params, chunk_generator(9, 4), 0, 300, 4)
    rng = chunk_generator(9, 4)
    parts = [draw_block(params, rng, start, n, 4) for start, n in ((0, 7), (7, 64), (71, 229))]
    assert np.array_equal(whole, np.vstack(parts))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: DirichletModel(NAMES, SHARES, 0.0), "concentration must be a positive"),
        (lambda: DirichletModel(NAMES, SHARES, float("nan")), "concentration"),
        (lambda: DirichletModel.from_sample_size(NAMES, SHARES, 1), "sample_size must be more"),
        (lambda: DirichletModel(NAMES, [0.5, 0.3, 0.1, 0.0], 10.0), "sum to 1"),
        (lambda: DirichletModel(NAMES, [0.6, 0.5, -0.1, 0.0], 10.0), "share of 'c'"),
        (lambda: DirichletModel(NAMES, [0.5, 0.5], 10.0), "expected 4 shares"),
        (lambda: LogitNormalModel.from_sd(NAMES, SHARES, -0.1), "sd of 'a'"),
        (
            lambda: LogitNormalModel.from_sd(NAMES, SHARES, 0.1, np.ones((4, 4))),
            "positive definite",
        ),
        (lambda: LogitNormalModel.from_sd(NAMES, SHARES, 0.1, np.eye(3)), "must be 4 x 4"),
        (lambda: LogitNormalModel.from_sd(NAMES, SHARES, 0.1, 2 * np.eye(4)), "ones on its diag"),
        (
            lambda: LogitNormalModel(NAMES, SHARES, np.array(np.triu(np.ones((4, 4))))),
            "symmetric",
        ),
        (lambda: LogitNormalModel(NAMES, SHARES, -np.eye(4)), "non-negative variances"),
        (lambda: LogitNormalModel.from_sd(NAMES, SHARES, 0.1, systematic=[1.0]), "4 finite"),
    ],
)
def test_bad_parameters_are_refused(build, message):
    with pytest.raises(ConfigError, match=message):
        build()
