"""``simulate`` from Python: defaults from the config, other rules and sweeps on the same draws."""

from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest

from seatcast.engine import ElectionSystem, Threshold, get_method, simulate
from seatcast.engine.config.reader import load_config
from seatcast.engine.config.sweep import Sweep
from tests.configs import KAZAKHSTAN, config_with


def test_other_rules_on_the_same_draws():
    config = config_with(
        model={"kind": "logit-normal", "sd": 0.1}, run={"seed": 4, "draws": 20_000}
    )
    hare = simulate(config, threads=2)
    dhondt = simulate(
        config, system=ElectionSystem(69, get_method("dhondt"), Threshold(Fraction(1, 20), "all"))
    )
    assert int(hare["draws"]) == int(dhondt["draws"]) == 20_000
    assert hare.attrs["seed"] == dhondt.attrs["seed"] == 4
    # Same draws, same threshold: the same parties pass in every draw; the seats differ.
    assert np.array_equal(hare["pass_count"], dhondt["pass_count"])
    assert dhondt["seats_mean"].sel(party="Amanat") > hare["seats_mean"].sel(party="Amanat")


def test_a_fresh_seed_is_drawn_when_none_is_given():
    config = config_with(model={"kind": "logit-normal", "sd": 0.1})
    seeds = {simulate(config, n_draws=100).attrs["seed"] for _ in range(2)}
    assert len(seeds) == 2


#: Counts a run tallies for every sweep point.
COUNTS = (
    "seat_count",
    "pass_count",
    "coalition_majority_count",
    "failed_count",
    "coalition_supermajority_count",
    "effective_parties_count",
    "gallagher_count",
    "effective_parties_sum",
    "gallagher_sum",
)

SWEEP = Sweep(
    thresholds=tuple(Fraction(k, 200) for k in range(6, 21, 2)),  # 3 % to 10 %
    methods=tuple(get_method(name) for name in ("hare", "droop", "dhondt", "sainte-lague")),
    seats=(60, 69, 75),
)


def wide_config(n_seats=69):
    """Kazakhstan 2023 with wide noise (parties cross every threshold), a chamber and coalitions."""
    return config_with(
        rules={"seats": n_seats, "method": "hare", "threshold": {"fraction": 0.05, "base": "all"}},
        model={"kind": "logit-normal", "sd": 0.25},
        chamber={"seats": 98 + n_seats - 69, "held": {"Amanat": 22, "Auyl": 1}},
        coalitions={"Amanat and Auyl": ["Amanat", "Auyl"], "opposition": ["Respublica", "JSDP"]},
    )


def test_every_sweep_point_equals_its_own_single_run():
    config = wide_config()
    options = {"n_draws": 3000, "seed": 11, "chunk_size": 1000, "threads": 2, "indices": True}
    swept = simulate(config, sweep=SWEEP, **options)
    assert swept["seat_count"].dims == ("threshold", "allocation", "n_seats", "party", "seats")
    assert swept.sizes["seats"] == 105  # to the largest chamber: 98 + 75 - 69 seats
    for fraction in SWEEP.thresholds:
        for method in SWEEP.methods:
            for n_seats in SWEEP.seats:
                point = {"threshold": float(fraction), "allocation": method.name}
                point["n_seats"] = n_seats
                system = replace(
                    config.system,
                    n_seats=n_seats,
                    method=method,
                    threshold=replace(config.system.threshold, fraction=fraction),
                )
                single = simulate(wide_config(n_seats), system=system, **options)
                for name in COUNTS:
                    expected = single[name].values
                    got = swept[name].sel(point).values
                    if name == "seat_count":  # whole chambers, of 98 + n_seats - 69
                        size = expected.shape[-1]
                        assert not got[:, size:].any()
                        got = got[:, :size]
                    assert np.array_equal(got, expected), (name, point)
                for name in (
                    "majority_probability",
                    "coalition_majority_probability",
                    "supermajority_probability",
                    "coalition_supermajority_probability",
                ):
                    assert np.array_equal(swept[name].sel(point), single[name]), (name, point)


def test_thresholds_between_the_same_two_shares_give_identical_counts():
    # Narrow noise: JSDP (about 5.3 % of all ballots) and People's Party (about
    # 6.9 %) never cross 5.5-6.5 %, so every point there has one eligible set.
    config = config_with(model={"kind": "logit-normal", "sd": 0.01})
    sweep = Sweep(thresholds=tuple(Fraction(k, 1000) for k in range(55, 66)))
    result = simulate(config, sweep=sweep, n_draws=2000, seed=5, chunk_size=500, threads=1)
    first = result["seat_count"].isel(threshold=0).values
    assert first[:, 0].tolist() == [0, 0, 0, 0, 0, 2000, 2000]  # JSDP and Baytaq never pass
    for index in range(1, result.sizes["threshold"]):
        assert np.array_equal(result["seat_count"].isel(threshold=index), first)
    wider = simulate(
        config,
        sweep=Sweep(thresholds=(Fraction(55, 1000), Fraction(7, 100))),
        n_draws=2000,
        seed=5,
        chunk_size=500,
        threads=1,
    )
    # Past People's Party's share the eligible set, and so the seats, change.
    assert not np.array_equal(wider["seat_count"].isel(threshold=1), first)


@pytest.mark.parametrize("threads", [1, 2])
def test_sweeps_are_bit_identical_on_any_number_of_threads(threads):
    config = wide_config()
    sweep = Sweep(thresholds=SWEEP.thresholds, methods=SWEEP.methods[:2])
    options = {"n_draws": 2500, "seed": 3, "chunk_size": 600, "sweep": sweep}
    reference = simulate(config, threads=1, **options)
    result = simulate(config, threads=threads, **options)
    for name in COUNTS:
        assert result[name].equals(reference[name])


INDEX_VARIABLES = ("effective_parties_count", "gallagher_count", "gallagher_mean")


def test_indices_are_tallied_on_request_and_change_no_other_count():
    config = load_config(KAZAKHSTAN)
    options = {"n_draws": 20_000, "seed": 5, "chunk_size": 5_000, "threads": 2}
    plain = simulate(config, **options)
    asked = simulate(config, indices=True, **options)
    assert not any(name in plain for name in INDEX_VARIABLES)  # absent, not zeros
    assert all(name in asked for name in INDEX_VARIABLES)
    assert (plain.attrs["indices"], asked.attrs["indices"]) == (0, 1)
    for name in ("seat_count", "pass_count", "coalition_majority_count", "failed_count"):
        assert plain[name].equals(asked[name]), name


def test_a_sweep_tallies_indices_unless_the_config_says_not():
    options = {"n_draws": 2_000, "seed": 5, "chunk_size": 1_000, "threads": 1}
    swept = simulate(load_config(KAZAKHSTAN), sweep=SWEEP, **options)
    assert all(name in swept for name in INDEX_VARIABLES)
    config = config_with(run={"indices": False})
    assert config.run.indices is False
    assert not any(name in simulate(config, sweep=SWEEP, **options) for name in INDEX_VARIABLES)
