"""Whole chambers drawn in one kernel pass: both tiers, linked, against the exact chamber."""

import re
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from seatcast.engine import simulate
from seatcast.engine.config.reader import load_config
from seatcast.engine.config.sweep import Sweep
from seatcast.engine.errors import ConfigError
from seatcast.engine.rules.linkage import allocate_chamber
from seatcast.engine.rules.methods import get_method
from seatcast.engine.run.compiled_tier import LINKAGE_CODES
from tests.configs import CONFIGS, config_with, write_config, write_file

NEW_ZEALAND = CONFIGS / "new-zealand-2020.toml"

#: A small election whose constituencies make overhang, set-asides and seats under the threshold.
VOTES = {"A": 5000, "B": 3000, "C": 1500, "D": 400}

#: A's 20 constituencies exceed its share; D (under 5 %) wins one, an independent one.
CONSTITUENCIES = "constituency,party,votes\n" + "".join(
    [f"a{i},A,900\na{i},B,500\na{i},C,100\n" for i in range(20)]
    + ["b1,B,700\nb1,A,600\n", "d1,D,800\nd1,A,700\n", "i1,Independent,900\ni1,C,300\n"]
)


def small_config(tmp_path, linkage, *, sd="0", model_sd="1e-9", swing="1", extra=""):
    write_file(tmp_path / "constituencies.csv", CONSTITUENCIES)
    return load_config(
        write_config(
            tmp_path,
            f"""
[rules]
seats = 30
method = "sainte-lague"
threshold = {{ fraction = 0.05, alternative = 2 }}

[votes]
{chr(10).join(f"{name} = {votes}" for name, votes in VOTES.items())}

[chamber]
linkage = "{linkage}"

[constituencies]
file = "constituencies.csv"
{"" if sd is None else f"sd = {sd}"}
swing = {swing}
{extra}

[model]
kind = "logit-normal"
sd = {model_sd}
""",
        )
    )


def exact_totals(config):
    seats = allocate_chamber(config.system, config.ballots, config.chamber, config.constituencies)
    return seats, dict(zip(seats.names, seats.total, strict=True))


@pytest.mark.parametrize("linkage", sorted(LINKAGE_CODES))
def test_a_run_without_noise_gives_the_exact_chamber_in_every_draw(tmp_path, linkage):
    config = small_config(tmp_path, linkage)
    exact, totals = exact_totals(config)
    result = simulate(config, n_draws=2_000, seed=1, chunk_size=700, threads=2)
    assert int(result["draws"]) == 2_000
    for name, total in totals.items():
        assert int(result["seat_count"].sel(party=name, seats=total)) == 2_000, name
    assert int(result["chamber_size_count"].sel(seats=exact.size)) == 2_000
    listed = dict(zip(exact.names, exact.list_seats, strict=True))
    for name, seats in listed.items():
        count = result["tier_seat_count"].sel(tier="allocated", party=name, seats=seats)
        assert int(count) == 2_000, name
    majority = config.chamber.resized(exact.size - config.chamber.seats).majority
    for name, total in totals.items():
        expected = 2_000 if total >= majority else 0
        assert int(result["majority_count"].sel(party=name)) == expected


def test_the_small_election_exercises_every_rule(tmp_path):
    # The fixture is only worth its name if the rules disagree on it.
    sizes = {}
    for linkage in LINKAGE_CODES:
        exact, totals = exact_totals(small_config(tmp_path, linkage))
        sizes[linkage] = (exact.size, totals["A"], totals["D"])
    assert sizes["mmp"][0] > 30  # overhang
    assert sizes["mmp-capped"][0] == 30
    assert sizes["leveling"][1] == 20  # A set aside with its 20 constituencies
    assert sizes["mmp-capped"][2] == 0 and sizes["mmp"][2] == 1  # D's seat under the threshold
    assert len(set(sizes.values())) >= 4


def test_new_zealand_2020_without_noise_is_the_official_house():
    config = config_with(
        NEW_ZEALAND,
        model={"kind": "logit-normal", "sd": 1e-9},
        constituencies={
            "file": "new-zealand-2020-electorates.csv",
            "tier": "electorate",
            "sd": 0,
        },
    )
    result = simulate(config, n_draws=500, seed=2, threads=1)
    official = {
        "Labour Party": 65,
        "National Party": 33,
        "Green Party": 10,
        "ACT New Zealand": 10,
        "Māori Party": 2,
    }
    for party, seats in official.items():
        assert int(result["seat_count"].sel(party=party, seats=seats)) == 500
    assert float(result["overhang_probability"]) == 0.0
    assert (
        int(result["tier_seat_count"].sel(tier="electorate", party="Māori Party", seats=1)) == 500
    )


def test_counts_are_bit_identical_on_any_number_of_threads():
    config = load_config(NEW_ZEALAND)
    options = {"n_draws": 3_000, "seed": 9, "chunk_size": 1_000}
    one, two = simulate(config, threads=1, **options), simulate(config, threads=2, **options)
    for name in ("seat_count", "tier_seat_count", "chamber_size_count", "majority_count"):
        assert one[name].equals(two[name])


def test_a_party_good_night_shows_in_both_tiers(tmp_path):
    # With the swing shared, the list share and the constituencies won move
    # together; without it, they are independent.
    def spread(swing):
        config = small_config(tmp_path, "parallel", sd="0.05", model_sd="0.15", swing=swing)
        result = simulate(config, n_draws=20_000, seed=3, threads=2)
        won = result["tier_seat_count"].sel(tier="constituency", party="A")
        seats = result["seats"]
        mean = float((won * seats).sum() / 20_000)
        return float(np.sqrt((won * (seats - mean) ** 2).sum() / 20_000))

    assert spread("1") > 2 * spread("0")


def test_overhang_and_its_majority_vary_by_draw(tmp_path):
    config = small_config(tmp_path, "mmp", sd="0.3", model_sd="0.2")
    result = simulate(config, n_draws=20_000, seed=4, threads=2)
    sizes = result["chamber_size_count"]
    assert int(sizes.sum()) == 20_000
    assert int((sizes > 0).sum()) > 3  # the house size varies
    assert 0 < float(result["overhang_probability"]) <= 1
    # A majority of the chamber as drawn is at most the majority of the seats alone.
    alone = result["seat_count"].where(result["seats"] >= 16, 0).sum("seats")
    assert (result["majority_count"] <= alone).all()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('rule = "plurality"\nseats = 2', "constituency 'a0' has 2 seats"),
        ('rule = "dhont"', "unknown method 'dhont'"),
        ('tier = ""', "constituencies.tier must be a name"),
        ("sdd = 1", "unknown key 'sdd' in [constituencies]"),
        ('rule = "adams"\nseats = 2', "rule 'adams' gives every candidate a first seat"),
    ],
)
def test_bad_constituency_keys_are_named(tmp_path, extra, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        small_config(tmp_path, "mmp", extra=extra)


def test_a_swing_outside_zero_to_one_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=re.escape("constituencies.swing must be a share")):
        small_config(tmp_path, "mmp", swing="2")


def test_a_run_needs_the_constituencies_sd(tmp_path):
    config = small_config(tmp_path, "mmp", sd=None)
    assert config.constituencies.sd is None
    with pytest.raises(ConfigError, match=re.escape("constituencies.sd is missing")):
        simulate(config, n_draws=10, seed=1)


def test_a_list_party_standing_twice_in_a_constituency_is_refused(tmp_path):
    config = small_config(tmp_path, "mmp")
    write_file(tmp_path / "constituencies.csv", CONSTITUENCIES + "b1,B,10\n")
    with pytest.raises(ConfigError, match="list party 'B' stands twice in constituency 'b1'"):
        load_config(config.path)


def test_independents_may_stand_several_times_in_one_constituency(tmp_path):
    config = small_config(tmp_path, "mmp")
    write_file(tmp_path / "constituencies.csv", CONSTITUENCIES + "i1,Independent,950\n")
    again = load_config(config.path)
    _, totals = exact_totals(again)
    assert totals["Independent"] == 1
    assert again.constituencies.standing[-1] == (
        ("Independent", 900),
        ("C", 300),
        ("Independent", 950),
    )


def test_sweeps_of_thresholds_are_refused(tmp_path):
    config = small_config(tmp_path, "mmp", sd="0.1")
    with pytest.raises(ConfigError, match="sweep methods only"):
        simulate(
            config,
            n_draws=10,
            seed=1,
            sweep=Sweep(thresholds=(Fraction(1, 20), Fraction(1, 40))),
        )


def reference_wins(config, n_draws, seed):
    """Mean constituency seats by name, simulated plainly with NumPy: every candidate drawn."""
    rng = np.random.default_rng(seed)
    parties = list(config.ballots.parties)
    votes = np.array([float(v) for v in config.ballots.votes])
    centre = votes / votes.sum()
    model_sd, sd = 0.2, 0.3
    log_weights = np.log(centre) + model_sd * rng.standard_normal((n_draws, len(parties)))
    weights = np.exp(log_weights)
    swing = np.log(weights / weights.sum(axis=1, keepdims=True)) - np.log(centre)
    won = {}
    for standing in config.constituencies.standing:
        scores = np.empty((n_draws, len(standing)))
        for j, (name, count) in enumerate(standing):
            shift = swing[:, parties.index(name)] if name in parties else 0.0
            scores[:, j] = np.log(count) + shift + sd * rng.standard_normal(n_draws)
        winners = scores.argmax(axis=1)
        for j, (name, _) in enumerate(standing):
            won[name] = won.get(name, 0.0) + np.mean(winners == j)
    return won


def test_constituency_wins_match_a_plain_simulation_of_the_same_model(tmp_path):
    # The kernel draws a candidate only when it could still win (noise
    # truncated at 8 sd); a plain simulation draws them all.  Their mean wins
    # must agree within Monte Carlo error.
    config = small_config(tmp_path, "parallel", sd="0.3", model_sd="0.2")
    n_draws = 100_000
    result = simulate(config, n_draws=n_draws, seed=5, threads=2)
    reference = reference_wins(config, n_draws, seed=6)
    wins = result["tier_seat_count"].sel(tier="constituency")
    for name, expected in reference.items():
        counts = wins.sel(party=name)
        mean = float((counts * result["seats"]).sum() / n_draws)
        second = float((counts * result["seats"] ** 2).sum() / n_draws)
        error = np.sqrt(2 * max(second - mean**2, 1e-4) / n_draws)
        assert abs(mean - expected) < 5 * error, (name, mean, expected)


def test_the_alternative_counts_the_seats_won_elsewhere_as_the_config_gives_them(tmp_path):
    # B and D each hold a seat; the threshold's elsewhere says only B's counts,
    # so D (4 %) does not pass by the alternative, in the kernel as exactly.
    text = f"""
[rules]
seats = 20
method = "sainte-lague"
threshold = {{ fraction = 0.1, alternative = 1, elsewhere = {{ B = 1 }} }}

[votes]
{chr(10).join(f"{name} = {votes}" for name, votes in VOTES.items())}

[chamber]
linkage = "mmp"
held = {{ D = 1, B = 1 }}

[model]
kind = "logit-normal"
sd = 1e-9
"""
    config = load_config(write_config(tmp_path, text))
    _, totals = exact_totals(config)
    result = simulate(config, n_draws=500, seed=1, threads=1)
    for name, total in totals.items():
        assert int(result["seat_count"].sel(party=name, seats=total)) == 500, name
    assert float(result["pass_probability"].sel(party="D")) == 0.0


def test_without_swing_a_list_drawn_at_no_votes_keeps_its_candidates(tmp_path):
    # T has one list vote: the Dirichlet draws its share as 0 now and then.
    # With swing = 0 its candidate's votes do not follow the list's.
    write_file(tmp_path / "k.csv", "constituency,party,votes\nk1,T,900\nk1,A,100\n")
    text = """
[rules]
seats = 10
method = "dhondt"
threshold = 0

[votes]
A = 100000
T = 1

[constituencies]
file = "k.csv"
sd = 0.01
swing = 0

[model]
kind = "dirichlet"
concentration = 10
"""
    result = simulate(load_config(write_config(tmp_path, text)), n_draws=2_000, seed=3)
    won = result["tier_seat_count"].sel(tier="constituency", party="T", seats=1)
    assert int(won) == 2_000


def test_a_draw_that_fails_has_no_chamber_size(tmp_path):
    config = small_config(tmp_path, "parallel", sd="0.1", model_sd="0.3")
    text = Path(config.path).read_text(encoding="utf-8")
    text = text.replace("fraction = 0.05, alternative = 2", "fraction = 0.5")
    high = load_config(write_config(tmp_path, text, name="high.toml"))
    result = simulate(high, n_draws=4_000, seed=2)
    failed = int(result["failed_count"].sum())
    assert 0 < failed < 4_000
    assert int(result["chamber_size_count"].sum()) == 4_000 - failed
    assert float(result["chamber_size_mean"]) > 30  # of the draws allocated only


def test_a_mistyped_party_or_a_no_seat_option_is_not_a_candidate(tmp_path):
    text = NEW_ZEALAND.read_text(encoding="utf-8")
    text = text.replace("new-zealand-2020-electorates.csv", "e.csv")
    text += '\n[other_votes]\n"Informal" = 1000\n'
    path = write_config(tmp_path, text)
    write_file(tmp_path / "e.csv", "constituency,party,votes\nEpsom,Green Pary,10\n")
    with pytest.raises(ConfigError, match=re.escape("'Green Pary' is not among the list parties")):
        load_config(path)
    write_file(tmp_path / "e.csv", "constituency,party,votes\nEpsom,Informal,10\n")
    with pytest.raises(ConfigError, match=re.escape("'Informal' is a no-seat option")):
        load_config(path)


def test_a_method_sweep_links_every_row_as_its_own_run(tmp_path):
    # Droop's row rescales the draw to the ballots; the others take it as drawn.
    config = small_config(tmp_path, "mmp")
    methods = ("droop", "sainte-lague", "hare")
    sweep = Sweep(methods=tuple(get_method(method) for method in methods))
    result = simulate(config, n_draws=300, seed=4, threads=1, sweep=sweep)
    for method in methods:
        system = replace(config.system, method=get_method(method))
        _, totals = exact_totals(replace(config, system=system))
        row = result["seat_count"].sel(allocation=method)
        for name, total in totals.items():
            assert int(row.sel(party=name, seats=total)) == 300, (method, name)
