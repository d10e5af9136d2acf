"""A scenario batch: each scenario's counts are those of its config run alone, stacked."""

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.engine.results.dataset import summarise
from seatcast.engine.results.files import open_results, write_results
from seatcast.engine.run import checkpoint, runner
from seatcast.engine.run.simulate import simulate
from tests.configs import CONFIGS
from tests.engine.config.test_scenarios import with_scenarios

# 8 chunks, the last short
RUN = {"n_draws": 36_000, "seed": 21, "chunk_size": 5_000, "indices": True}
COUNTS = (
    "pass_count",
    "coalition_majority_count",
    "failed_count",
    "effective_parties_count",
    "gallagher_count",
    "gallagher_sum",
)


@pytest.fixture(scope="module")
def config():
    return with_scenarios(
        {"name": "official"},
        {"name": "50 seats", "rules": {"seats": 50}},
        {"name": "D'Hondt", "rules": {"method": "dhondt"}},
        {"name": "sd 0.2", "model": {"sd": 0.2}},
        {"name": "10 % threshold", "rules": {"threshold": 0.10}},
    )


@pytest.fixture(scope="module")
def batch(config):
    return simulate(config, threads=2, **RUN)


def test_each_scenario_is_its_config_run_alone(config, batch):
    assert list(batch["scenario"].values) == [s.name for s in config.scenarios]
    for scenario in config.scenarios:
        alone = simulate(scenario.config, threads=1, **RUN)
        entry = batch.sel(scenario=scenario.name)
        seats = alone.sizes["seats"]
        assert np.array_equal(
            entry["seat_count"].isel(seats=slice(0, seats)).values, alone["seat_count"].values
        ), scenario.name
        assert not entry["seat_count"].isel(seats=slice(seats, None)).any()
        for name in COUNTS:
            assert np.array_equal(entry[name].values, alone[name].values), (scenario.name, name)
        for name in ("majority_probability", "seats_mean", "seats_quantile", "pass_probability"):
            assert np.allclose(entry[name].values, alone[name].values), (scenario.name, name)
        assert int(entry["chamber_majority"]) == alone.attrs["majority"]
        assert int(entry["chamber_seats"]) == alone.attrs["chamber_seats"]
        assert str(entry["scenario_rules"].values) == alone.attrs["rules"]
        assert str(entry["scenario_model"].values) == alone.attrs["model"]


def test_a_smaller_chamber_has_no_draws_at_the_larger_seat_counts(batch):
    assert batch.sizes["seats"] == 70
    assert batch["seat_count"].dtype == np.int64  # counts padded with 0, not NaN
    small = batch.sel(scenario="50 seats")
    assert int(small["chamber_majority"]) == 26
    assert np.allclose(small["seat_probability"].sum("seats"), 1)
    assert int(small["seats_quantile"].max()) <= 50


def test_scenarios_with_the_same_model_see_the_same_draws(batch):
    official, dhondt = batch.sel(scenario="official"), batch.sel(scenario="D'Hondt")
    same_votes = official["pass_count"].values  # the threshold sees the same votes
    assert np.array_equal(same_votes, dhondt["pass_count"].values)
    assert not np.array_equal(official["seat_count"].values, dhondt["seat_count"].values)
    assert not np.array_equal(same_votes, batch.sel(scenario="sd 0.2")["pass_count"].values)


def test_threads_do_not_change_a_batch(config, batch):
    again = simulate(config, threads=1, **RUN)
    for name in ("seat_count", *COUNTS):
        assert again[name].equals(batch[name]), name


def test_draws_stay_one_number_and_per_scenario_rules_are_variables(batch):
    assert batch["draws"].dims == ()
    assert int(batch["draws"]) == RUN["n_draws"]
    for attr in ("rules", "model", "majority", "n_seats", "configured_threshold"):
        assert attr not in batch.attrs, attr
    assert batch["configured_threshold"].values.tolist() == [0.05, 0.05, 0.05, 0.05, 0.10]
    assert batch["configured_method"].values.tolist()[2] == "dhondt"


def test_a_batch_survives_a_netcdf_round_trip(batch, tmp_path):
    path = tmp_path / "batch.nc"
    write_results(batch, path)
    again = summarise(open_results(path))
    for name in ("seat_count", "seat_probability", "chamber_majority", "scenario_rules"):
        assert again[name].equals(batch[name]), name


def test_a_batch_with_a_sweep_has_both_dims():
    config = with_scenarios(
        {"name": "hare"},
        {"name": "sd 0.2", "model": {"sd": 0.2}},
        sweep={"threshold": [0.03, 0.05, 0.07]},
    )
    result = simulate(config, **RUN)
    assert result["seat_count"].dims == ("scenario", "threshold", "party", "seats")
    alone = simulate(config.scenarios[1].config, **RUN)
    assert np.array_equal(
        result["seat_count"].sel(scenario="sd 0.2").values, alone["seat_count"].values
    )


def test_an_interrupted_batch_resumes_from_its_checkpoint(config, batch, tmp_path, monkeypatch):
    class Interrupt(Exception):
        pass

    monkeypatch.setattr(checkpoint, "SAVE_INTERVAL", 0.0)  # save after every unit
    calls = []

    def stop_midway(done, total):
        calls.append(done)
        if len(calls) == 15:
            raise Interrupt

    with pytest.raises(Interrupt):
        simulate(config, threads=1, checkpoint=tmp_path, progress=stop_midway, **RUN)
    resumed = []
    result = simulate(
        config, threads=1, checkpoint=tmp_path, progress=lambda d, t: resumed.append((d, t)), **RUN
    )
    # 13 units of 40 were saved, each as it finished; the run stopped while reporting the
    # 14th, before its save.  Saved: the 8 chunks of the first scenario, 5 of the second.
    assert resumed[0] == (RUN["n_draws"] + 5 * 5_000, 5 * RUN["n_draws"])
    assert len(resumed) == 1 + 40 - 13
    for name in ("seat_count", *COUNTS):
        assert result[name].equals(batch[name]), name


def test_a_district_threshold_scenario_is_its_config_run_alone():
    config = with_scenarios(
        {"name": "5 %"},
        {"name": "3 % nationally", "rules": {"threshold": 0.03}},
        path=CONFIGS / "czechia-2017.toml",
    )
    run = {"n_draws": 3_000, "seed": 5, "chunk_size": 1_000, "threads": 1}
    batch = simulate(config, **run)
    for scenario in config.scenarios:
        alone = simulate(scenario.config, **run)
        for name in ("seat_count", "pass_count", "district_seat_sum", "district_win_count"):
            entry = batch[name].sel(scenario=scenario.name)
            assert np.array_equal(entry.values, alone[name].values), (scenario.name, name)
    assert batch["district_seat_sum"].dims == ("scenario", "district", "party")


def test_a_batch_too_big_for_memory_is_refused_before_any_work(config, monkeypatch):
    monkeypatch.setattr(runner, "MAX_TALLY_BYTES", 50_000)  # a scenario's counts take ~20 KB
    with pytest.raises(ConfigError, match=r"the 5 scenarios need 0\.0 GiB of counts together"):
        simulate(config, **RUN)


def test_a_seats_sweep_keeps_each_chamber_along_n_seats():
    config = with_scenarios(
        {"name": "hare"},
        {"name": "D'Hondt", "rules": {"method": "dhondt"}},
        sweep={"seats": [60, 69, 80]},
    )
    result = simulate(config, **RUN)
    assert result["chamber_majority"].dims == ("scenario", "n_seats")
    assert result["chamber_majority"].sel(scenario="D'Hondt").values.tolist() == [31, 35, 41]
    assert result["configured_seats"].values.tolist() == [69, 69]
    alone = simulate(config.scenarios[1].config, **RUN)
    assert np.allclose(
        result["majority_probability"].sel(scenario="D'Hondt").values,
        alone["majority_probability"].values,
    )
