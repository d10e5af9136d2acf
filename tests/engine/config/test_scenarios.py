"""``[[scenarios]]``: each a whole config, made of the config and its changes."""

import json
from fractions import Fraction

import pytest

from seatcast.engine.cli.main import main
from seatcast.engine.config.reader import build_config, load_config, read_toml
from seatcast.engine.config.scenarios import merged
from seatcast.engine.errors import ConfigError
from tests.configs import CONFIGS, KAZAKHSTAN, decimals

SCENARIOS = CONFIGS / "kazakhstan-2023-scenarios.toml"


def with_scenarios(*scenarios, path=KAZAKHSTAN, overrides=None, **sections):
    """The config at ``path`` with these ``[[scenarios]]`` and other sections."""
    data, text = read_toml(path)
    data.update(decimals(sections))
    data["scenarios"] = [decimals(scenario) for scenario in scenarios]
    return build_config(data, overrides=overrides, text=text, path=path)


def by_name(config):
    return {scenario.name: scenario.config for scenario in config.scenarios}


def test_the_bundled_batch_reads_as_six_whole_configs():
    config = load_config(SCENARIOS)
    scenarios = by_name(config)
    assert list(scenarios) == [
        "official rules",
        "7 % threshold",
        "3 % threshold",
        "D'Hondt",
        "twice the uncertainty",
        "Amanat -500,000 votes",
    ]
    official = scenarios["official rules"]
    assert official.system == config.system
    assert official.model.describe() == config.model.describe()
    assert scenarios["7 % threshold"].system.threshold.fraction == Fraction(7, 100)
    assert scenarios["D'Hondt"].system.method.name == "dhondt"
    assert scenarios["twice the uncertainty"].model.describe() == "logit-normal, sd 0.1"
    votes = dict(zip(official.ballots.parties, official.ballots.votes, strict=True))
    changed = scenarios["Amanat -500,000 votes"].ballots
    assert dict(zip(changed.parties, changed.votes, strict=True)) == {
        **votes,
        "Amanat": votes["Amanat"] - 500_000,
    }
    assert changed.other_votes == official.ballots.other_votes


def test_a_threshold_number_changes_the_fraction_and_keeps_the_rest():
    config = with_scenarios({"name": "7 %", "rules": {"threshold": 0.07}})
    threshold = config.scenarios[0].config.system.threshold
    assert threshold.fraction == Fraction(7, 100)
    assert threshold.base == "all"  # from the config's threshold table


def test_tables_merge_key_by_key_and_nested_tables_too():
    base = {"rules": {"seats": 69, "threshold": {"fraction": 0.05, "exempt": ["X"]}}, "x": 1}
    changes = {"name": "n", "rules": {"threshold": {"strict": True}, "method": "dhondt"}}
    assert merged(base, changes) == {
        "rules": {
            "seats": 69,
            "method": "dhondt",
            "threshold": {"fraction": 0.05, "exempt": ["X"], "strict": True},
        },
        "x": 1,
    }
    with_table = merged({"rules": {"threshold": 0.05}}, {"rules": {"threshold": {"strict": True}}})
    assert with_table["rules"]["threshold"] == {"fraction": 0.05, "strict": True}


def test_shares_replace_the_counts_and_another_model_kind_replaces_the_model():
    shares = {
        "Amanat": 55,
        "Auyl": 11,
        "Respublica": 9,
        "Ak Zhol": 9,
        "People's Party of Kazakhstan": 7,
        "JSDP": 5,
        "Baytaq": 2,
    }
    config = with_scenarios(
        {
            "name": "poll",
            "shares": shares,
            "other_shares": {"Against all": 2},
            "model": {"kind": "dirichlet", "sample_size": 1200},
        }
    )
    scenario = config.scenarios[0].config
    assert scenario.ballots.from_shares
    assert scenario.ballots.votes == tuple(shares.values())
    assert scenario.ballots.other_votes == (2,)
    assert scenario.model.describe().startswith("dirichlet")
    data = merged(
        {"votes": {"A": 1}, "other_votes": {"B": 2}, "model": {"kind": "logit-normal", "sd": 0.1}},
        {"shares": {"A": 100}, "model": {"kind": "dirichlet", "concentration": 50}},
    )
    assert data == {"shares": {"A": 100}, "model": {"kind": "dirichlet", "concentration": 50}}


def test_flags_apply_to_every_scenario():
    config = load_config(SCENARIOS, {"rules.method": ("dhondt", "--method")})
    assert {s.config.system.method.name for s in config.scenarios} == {"dhondt"}


@pytest.mark.parametrize(
    ("scenarios", "message"),
    [
        ([], "[[scenarios]] lists no scenario"),
        ([{"rules": {"threshold": 0.07}}], "[[scenarios]] number 1 needs a name"),
        ([{"name": "a"}, {"name": "a"}], "two [[scenarios]] are named 'a'"),
        (
            [{"name": "a", "rule": {}}],
            "unknown key 'rule' in [scenarios 'a']; did you mean 'rules'?",
        ),
        ([{"name": "a", "sweep": {}}], "unknown key 'sweep' in [scenarios 'a']"),
        ([{"name": "a", "rules": 0.07}], "scenarios 'a'.rules must be a table, got"),
        (
            [{"name": "high", "rules": {"threshold": 1.5}}],
            "scenario 'high': threshold must be a fraction in [0, 1), got 1.5",
        ),
        (
            [{"name": "a"}, {"name": "b", "votes": {"Newcomers": 10}}],
            "scenario 'b' adds Newcomers: every scenario must have the parties of scenario 'a'",
        ),
        (
            [{"name": "b", "model": {"kind": "dirichlett"}}],
            "scenario 'b': model.kind must be one of",
        ),
    ],
)
def test_bad_scenarios_are_refused_naming_the_scenario_and_key(scenarios, message):
    with pytest.raises(ConfigError) as error:
        with_scenarios(*scenarios)
    assert message in str(error.value)


def test_scenarios_must_be_tables():
    data, _ = read_toml(KAZAKHSTAN)
    data["scenarios"] = ["a"]
    with pytest.raises(ConfigError, match=r"scenarios must be a list of tables"):
        build_config(data)


def test_scenarios_do_not_go_with_nowcast():
    data, text = read_toml(CONFIGS / "kazakhstan-2023-election-night.toml")
    data["scenarios"] = [{"name": "a"}]
    path = CONFIGS / "kazakhstan-2023-election-night.toml"
    with pytest.raises(ConfigError, match=r"\[\[scenarios\]\] does not go with \[nowcast\]"):
        build_config(data, text=text, path=path)


def test_a_districts_file_in_a_scenario_replaces_the_national_ballot(tmp_path, capsys):
    (tmp_path / "districts.csv").write_text(
        "district,seats,party,votes,kind\n"
        "North,5,A,5000,party\nNorth,5,B,3000,party\nNorth,5,C,400,party\n"
        "North,5,Blank,600,other\n"
        "South,3,A,2000,party\nSouth,3,B,2500,party\nSouth,3,D,900,party\n",
        encoding="utf-8",
    )
    config = tmp_path / "what-if.toml"
    config.write_text(
        '[rules]\nseats = 8\nmethod = "dhondt"\nthreshold = 0.05\n'
        "[votes]\nA = 7000\nB = 5500\nC = 400\nD = 900\n[other_votes]\nBlank = 600\n"
        '[[scenarios]]\nname = "national"\n'
        '[[scenarios]]\nname = "two districts"\ndistricts = { file = "districts.csv" }\n',
        encoding="utf-8",
    )
    assert main(["allocate", str(config), "--json"]) == 0
    seats = {r["scenario"]: r["seats"] for r in json.loads(capsys.readouterr().out)["scenarios"]}
    # Nationally A 5, B 3; North gives A 3, B 2 and South B 2, A 1 (C under 5 %, D no seat).
    assert seats == {
        "national": {"A": 5, "B": 3, "C": 0, "D": 0},
        "two districts": {"A": 4, "B": 4, "C": 0, "D": 0},
    }
