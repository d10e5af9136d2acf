"""Whole chambers in simulated results: tiers, held seats, supermajorities, districts."""

import numpy as np
import pytest

from seatcast.engine.config.reader import load_config
from seatcast.engine.run.plan import build_plan, chunk_generator
from seatcast.engine.run.simulate import simulate
from seatcast.models.registry import draw_block
from tests.configs import CONFIGS, config_with

DRAWS = 4000


@pytest.fixture(scope="module")
def kazakhstan():
    config = load_config(CONFIGS / "kazakhstan-2023-chamber.toml")
    return simulate(config, n_draws=DRAWS, seed=11, chunk_size=1000, threads=1)


def test_seat_count_covers_the_whole_chamber_with_each_tier_apart(kazakhstan):
    result = kazakhstan
    assert result.sizes["seats"] == 99  # 0..98
    assert list(result["tier"].values) == ["party list", "single-mandate"]
    tiers = result["tier_seat_count"]
    held = result["seats_held"]
    for party in result["party"].values:
        listed = tiers.sel(tier="party list", party=party).values
        whole = result["seat_count"].sel(party=party).values
        extra = int(held.sel(party=party))
        assert np.array_equal(whole[extra : extra + 70], listed[:70])
        assert whole[:extra].sum() == 0
        assert tiers.sel(tier="single-mandate", party=party, seats=extra) == DRAWS
    # Self-nominated candidates are on no list: 7 seats in every draw, none from the list.
    assert result["seat_count"].sel(party="Self-nominated", seats=7) == DRAWS
    assert not bool(result["on_ballot"].sel(party="Self-nominated"))


def test_majority_and_supermajority_are_judged_against_the_98_seats(kazakhstan):
    result = kazakhstan
    assert result.attrs["majority"] == 50 and result.attrs["supermajority"] == 66
    assert float(result["majority_probability"].sel(party="Amanat")) == 1.0
    listed = result["tier_seat_count"].sel(tier="party list", party="Amanat")
    expected = float(listed.sel(seats=slice(66 - 22, None)).sum()) / DRAWS
    assert float(result["supermajority_probability"].sel(party="Amanat")) == expected
    assert 0 < expected < 1


def test_coalitions_count_supermajorities_as_well(tmp_path):
    text = (CONFIGS / "kazakhstan-2023-chamber.toml").read_text(encoding="utf-8")
    text += '\n[coalitions]\n"Amanat alone" = ["Amanat"]\n"Amanat and Auyl" = ["Amanat", "Auyl"]\n'
    path = tmp_path / "chamber.toml"
    path.write_text(text, encoding="utf-8")
    result = simulate(load_config(path), n_draws=DRAWS, seed=11, chunk_size=1000, threads=1)
    alone = result["coalition_supermajority_probability"].sel(coalition="Amanat alone")
    assert float(alone) == float(result["supermajority_probability"].sel(party="Amanat"))
    pair = result["coalition_supermajority_probability"].sel(coalition="Amanat and Auyl")
    assert float(pair) > float(alone)


@pytest.fixture(scope="module")
def poland():
    config = load_config(CONFIGS / "poland-sejm-2019.toml")
    return simulate(config, n_draws=2000, seed=3, chunk_size=500, threads=1)


def test_district_outputs_add_up_to_each_districts_seats(poland):
    result = poland
    means = result["district_seats_mean"].sum("party")
    assert np.allclose(means.values, result["district_seats"].values)
    assert np.allclose(result["district_seats_mean"].sum("district"), result["seats_mean"])
    wins = result["district_win_probability"]
    assert float(wins.sel(district="21 Opole", party="MN")) > 0.5
    assert float(wins.sel(district="1 Legnica", party="MN")) == 0.0  # MN ran in Opole only
    assert float(result["pass_probability"].sel(party="PiS")) == 1.0


def test_district_runs_are_bit_identical_on_one_and_two_threads(poland):
    config = load_config(CONFIGS / "poland-sejm-2019.toml")
    again = simulate(config, n_draws=2000, seed=3, chunk_size=500, threads=2)
    for name in ("seat_count", "district_seat_sum", "district_win_count", "pass_count"):
        assert np.array_equal(again[name].values, poland[name].values)


def test_the_national_swing_moves_a_party_together_across_districts():
    """District draws share the national swing: a party's shares correlate across districts."""
    plan = build_plan(load_config(CONFIGS / "poland-sejm-2019.toml"))
    width = plan.n_components
    draws = draw_block(
        plan.params, chunk_generator(1, 0), 0, 3000, width * plan.rules.n_districts
    ).reshape(3000, -1, width)
    shares = draws / draws.sum(axis=2, keepdims=True)
    pis = list(plan.parties).index("PiS")
    first, second = shares[:, 0, pis], shares[:, 1, pis]
    assert np.corrcoef(first, second)[0, 1] > 0.5  # sd 0.05 shared against 0.03 each


def test_district_draws_keep_each_districts_ballots():
    """Draws are votes: a national threshold must weigh districts by their size."""
    config = load_config(CONFIGS / "czechia-2017.toml")
    plan = build_plan(config)
    width = plan.n_components
    draws = draw_block(
        plan.params, chunk_generator(2, 0), 0, 500, width * plan.rules.n_districts
    ).reshape(500, -1, width)
    ballots = [sum(votes) for votes in config.system.districts.votes]
    assert np.allclose(draws.sum(axis=2), ballots, rtol=1e-12)


def test_without_noise_every_district_draw_is_the_official_count():
    """Czechia 2017: TOP 09 (5.31 %) clears only with Prague weighed by its votes."""
    config = config_with(
        CONFIGS / "czechia-2017.toml",
        model={"kind": "logit-normal", "sd": 0.0, "district_sd": 0.0},
    )
    result = simulate(config, n_draws=200, seed=5, chunk_size=100, threads=1)
    official = config.system.allocate(config.ballots).seats_by_party()
    assert official["TOP 09"] == 7
    for party, seats in official.items():
        assert float(result["seat_count"].sel(party=party, seats=seats)) == 200
