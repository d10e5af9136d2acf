"""Runs: bit-identical on any number of threads, and statistically what they should be."""

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.engine.results.dataset import summarise, tallies_dataset
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import run_plan
from tests.configs import KAZAKHSTAN_SEATS, config_with

LOGIT_NORMAL = {"kind": "logit-normal", "sd": 0.08, "systematic": {"Amanat": 0.05}}


def run(config, n_draws, seed=7, chunk_size=10_000, threads=1):
    plan = build_plan(config)
    tallies = run_plan(plan, n_draws=n_draws, seed=seed, chunk_size=chunk_size, threads=threads)
    dataset = tallies_dataset(
        tallies,
        plan,
        config=config,
        system=config.system,
        model=config.model,
        seed=seed,
        chunk_size=chunk_size,
    )
    return tallies, summarise(dataset)


@pytest.mark.parametrize("model", [LOGIT_NORMAL, {"kind": "dirichlet", "sample_size": 2000}])
def test_counts_are_identical_on_1_2_and_4_threads(model):
    config = config_with(model=model)
    results = [run(config, 95_001, chunk_size=4_000, threads=k)[0] for k in (1, 2, 4)]
    for other in results[1:]:
        for mine, theirs in zip(results[0], other, strict=True):
            assert np.array_equal(mine, theirs)
    assert results[0].status_count.sum() == 95_001


def test_seed_and_chunk_size_change_the_draws():
    config = config_with(model=LOGIT_NORMAL)
    base = run(config, 20_000)[0].seat_count
    assert not np.array_equal(base, run(config, 20_000, seed=8)[0].seat_count)
    assert not np.array_equal(base, run(config, 20_000, chunk_size=3_000)[0].seat_count)
    assert np.array_equal(base, run(config, 20_000)[0].seat_count)


def test_first_chunks_of_a_longer_run_are_the_same_draws():
    # Chunk i depends on (seed, i) only: a run of 2 chunks is the start of a run of 3.
    config = config_with(model=LOGIT_NORMAL)
    two = run(config, 20_000, chunk_size=10_000)[0].seat_count
    three = run(config, 30_000, chunk_size=10_000)[0].seat_count
    plan = build_plan(config)
    third = plan.run_chunk(7, 2, chunk_size=10_000, n_draws=30_000).seat_count
    assert np.array_equal(two + third, three)


def test_one_party_at_100_percent_is_a_point_mass():
    config = config_with(
        votes={"Only": 1000},
        other_votes=None,
        model={"kind": "dirichlet", "concentration": 5},
        rules={"seats": 10, "method": "dhondt", "threshold": 0.05},
    )
    _, result = run(config, 5_000)
    assert result["seat_probability"].sel(party="Only", seats=10) == 1.0
    assert result["seats_mean_mcse"].sel(party="Only") == 0.0


def test_zero_noise_gives_the_official_allocation_in_every_draw():
    _, result = run(config_with(model={"kind": "logit-normal", "sd": 0}), 3_000)
    for party, seats in zip(result["party"].values, KAZAKHSTAN_SEATS, strict=True):
        assert result["seat_probability"].sel(party=party, seats=seats) == 1.0


def test_seat_means_converge_to_the_official_allocation_as_concentration_grows():
    errors = []
    for concentration in (1e3, 1e5, 1e8):
        _, result = run(
            config_with(model={"kind": "dirichlet", "concentration": concentration}), 20_000
        )
        errors.append(float(np.abs(result["seats_mean"].values - KAZAKHSTAN_SEATS).max()))
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 0.01


def test_mcse_shrinks_as_one_over_root_n_and_matches_the_spread_between_seeds():
    config = config_with(model={"kind": "logit-normal", "sd": 0.05})
    jsdp = {}
    for n in (4_000, 400_000):
        _, result = run(config, n)
        jsdp[n] = float(result["pass_probability_mcse"].sel(party="JSDP"))
    assert jsdp[4_000] / jsdp[400_000] == pytest.approx(10, rel=0.1)
    estimates, errors = [], []
    for seed in range(30):
        _, result = run(config, 4_000, seed=seed, chunk_size=4_000)
        estimates.append(float(result["pass_probability"].sel(party="JSDP")))
        errors.append(float(result["pass_probability_mcse"].sel(party="JSDP")))
    assert np.std(estimates, ddof=1) == pytest.approx(np.mean(errors), rel=0.35)


def test_bad_run_sizes_are_refused():
    plan = build_plan(config_with(model=LOGIT_NORMAL))
    for flag, kwargs in [
        ("--draws", {"n_draws": 0}),
        ("--chunk-size", {"chunk_size": -5}),
        ("--threads", {"threads": 0}),
    ]:
        arguments = {"n_draws": 10, "seed": 1, "chunk_size": 10, "threads": 1, **kwargs}
        with pytest.raises(ConfigError, match=flag):
            run_plan(plan, **arguments)
