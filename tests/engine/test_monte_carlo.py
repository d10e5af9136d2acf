"""``simulate`` from Python: defaults from the config, other rules on the same draws."""

from fractions import Fraction

import numpy as np

from seatcast.engine import ElectionSystem, Threshold, get_method, simulate
from tests.configs import config_with


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
