"""Config files: strict keys, exact numbers, clear messages."""

from fractions import Fraction

import pytest

from seatcast.engine.config.reader import load_config
from seatcast.engine.errors import ConfigError
from tests.configs import write_file

MINIMAL = """
[rules]
seats = 10
method = "dhondt"
threshold = 0.05

[votes]
A = 600
"B (Ö'x)" = 400
"""


def write(tmp_path, text, name="c.toml"):
    return write_file(tmp_path / name, text)


def test_minimal_config(tmp_path):
    config = load_config(write(tmp_path, MINIMAL))
    assert config.system.n_seats == 10
    assert config.system.threshold.fraction == Fraction(1, 20)
    assert config.ballots.parties == ("A", "B (Ö'x)")
    assert config.text.startswith("\n[rules]")


def test_threshold_table_and_list_types(tmp_path):
    text = MINIMAL.replace(
        "threshold = 0.05",
        '[rules.threshold]\nfraction = 0.05\nbase = "all"\nstrict = true\n'
        'by_type = { coalition = 0.08 }\nexempt = ["A"]',
    )
    text += '\n[other_votes]\nBlank = 5\n[list_types]\n"B (Ö\'x)" = "coalition"\n'
    config = load_config(write(tmp_path, text))
    threshold = config.system.threshold
    assert (threshold.base, threshold.strict, threshold.exempt) == ("all", True, {"A"})
    assert threshold.by_type == {"coalition": Fraction(2, 25)}
    assert config.ballots.list_types == ("party", "coalition")
    assert config.ballots.others == ("Blank",)


def test_shares_are_exact_units(tmp_path):
    text = MINIMAL.replace('[votes]\nA = 600\n"B (Ö\'x)" = 400', "[shares]\nA = 53.9\nB = 46.1")
    config = load_config(write(tmp_path, text))
    assert config.ballots.votes == (539, 461)
    assert config.ballots.from_shares


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("seats = 10", "seats = 0"), "seats must be at least 1"),
        (("seats = 10", 'seats = "ten"'), "rules.seats must be a whole number"),
        (("seats = 10", "sets = 10"), "unknown key 'sets' in \\[rules\\]; did you mean 'seats'"),
        (('method = "dhondt"', 'method = "dhont"'), "did you mean 'dhondt'"),
        (("threshold = 0.05", "threshold = 5"), "write 0.05 or 5%"),
        (("threshold = 0.05", "threshold = -0.01"), r"in \[0, 1\)"),
        (("threshold = 0.05", "threshold = 1.0"), r"in \[0, 1\)"),
        (("A = 600", "A = -600"), "votes.A must not be negative"),
        (("A = 600", "A = 600.5"), "votes.A must be a whole number"),
        (("A = 600", 'A = "many"'), "votes.A must be a number"),
        (("A = 600", "A = true"), "votes.A must be a whole number"),
        (("A = 600", "A = 600\nA = 3"), "malformed TOML"),
        (("[votes]", "[vote]"), "unknown key 'vote' at the top level; did you mean 'votes'"),
        (("[votes]", "[votes"), "malformed TOML"),
        (("threshold = 0.05", 'threshold = { fraction = 0.05, bass = "all" }'), "'bass'"),
        (("threshold = 0.05", 'threshold = { base = "every" }'), "base must be one of"),
        (("threshold = 0.05", 'threshold = { exempt = ["Z"] }'), "exempt party 'Z'"),
        (('method = "dhondt"', 'method = "dhondt"\nfirst_divisor = 1.2'), "only to modified"),
        (('method = "dhondt"', 'method = "dhondt"\nties = "coin"'), "unknown tie policy 'coin'"),
        (("[rules]", "[ruless]"), "unknown key 'ruless'|missing \\[rules\\]"),
    ],
)
def test_bad_input_names_the_problem(tmp_path, change, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, MINIMAL.replace(*change)))


def test_duplicate_names_across_tables(tmp_path):
    with pytest.raises(ConfigError, match="party 'A' is listed twice"):
        load_config(write(tmp_path, MINIMAL + "\n[other_votes]\nA = 4\n"))


def test_votes_and_shares_together_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="not both"):
        load_config(write(tmp_path, MINIMAL + "\n[shares]\nA = 100\n"))


def test_shares_must_sum_to_100(tmp_path):
    text = MINIMAL.replace('[votes]\nA = 600\n"B (Ö\'x)" = 400', "[shares]\nA = 50\nB = 40")
    with pytest.raises(ConfigError, match="sum to 90"):
        load_config(write(tmp_path, text))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="directory"):
        load_config(tmp_path)
