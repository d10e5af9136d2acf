"""The previous election's result by region: wide and long files, and bad input."""

import re

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.models.previous import read_previous
from tests.configs import write_file

WIDE = "region,Old Party,New List,ballots,registered\nNorth,300,,320,500\nSouth,100,50,,\n"


def write(tmp_path, text, name="previous.csv"):
    return write_file(tmp_path / name, text)


def random_result(seed=3, n_regions=7, n_parties=4):
    """Votes with zeros (parties that did not stand), and totals given in some regions."""
    rng = np.random.default_rng(seed)
    votes = rng.integers(0, 5000, (n_regions, n_parties))
    votes[rng.random(votes.shape) < 0.25] = 0
    votes[:, 0] += 1  # every party of the file stands somewhere
    votes[0, :] += 1
    ballots = np.where(rng.random(n_regions) < 0.7, votes.sum(axis=1) + 50, -1)
    registered = np.where(rng.random(n_regions) < 0.7, 2 * votes.sum(axis=1) + 9, -1)
    return votes, ballots, registered


def wide_text(votes, ballots, registered):
    parties = [f"P{j}" for j in range(votes.shape[1])]
    lines = [",".join(["region", *parties, "ballots", "registered"])]
    for i, row in enumerate(votes):
        cells = [str(v) if v else "" for v in row]
        totals = [str(t) if t >= 0 else "" for t in (ballots[i], registered[i])]
        lines.append(",".join([f"R{i}", *cells, *totals]))
    return "\n".join(lines) + "\n"


def long_text(votes, ballots, registered):
    lines = ["region,party,votes,ballots,registered"]
    for i, row in enumerate(votes):
        totals = ",".join(str(t) if t >= 0 else "" for t in (ballots[i], registered[i]))
        lines += [f"R{i},P{j},{v},{totals}" for j, v in enumerate(row) if v]
    return "\n".join(lines) + "\n"


@pytest.fixture
def both(tmp_path):
    table = random_result()
    wide = read_previous(write(tmp_path, wide_text(*table), "wide.csv"))
    long = read_previous(write(tmp_path, long_text(*table), "long.csv"))
    return wide, long


def test_wide_result(tmp_path):
    result = read_previous(write(tmp_path, WIDE))
    assert result.regions == ("North", "South")
    assert result.parties == ("Old Party", "New List")
    assert result.votes.tolist() == [[300, 0], [100, 50]]
    assert result.votes.dtype == np.float64


def test_wide_totals_are_nan_where_not_given(tmp_path):
    result = read_previous(write(tmp_path, WIDE))
    np.testing.assert_array_equal(result.ballots, [320, np.nan])
    np.testing.assert_array_equal(result.registered, [500, np.nan])


def test_totals_are_optional_columns(tmp_path):
    result = read_previous(write(tmp_path, "region,X\nN,3\n"))
    assert np.isnan(result.ballots).all() and np.isnan(result.registered).all()


def test_long_and_wide_give_the_same_names(both):
    wide, long = both
    assert long.regions == wide.regions
    assert long.parties == wide.parties


def test_long_and_wide_give_the_same_arrays(both):
    wide, long = both
    for name in ("votes", "ballots", "registered"):
        np.testing.assert_array_equal(getattr(long, name), getattr(wide, name))
        assert getattr(long, name).dtype == np.float64


def test_a_long_party_missing_from_a_region_has_no_votes(tmp_path):
    text = "region,party,votes\nN,X,10\nS,Y,20\nS,X,5\n"
    result = read_previous(write(tmp_path, text))
    assert result.parties == ("X", "Y")
    assert result.votes.tolist() == [[10, 0], [5, 20]]


def test_a_region_with_no_votes_and_no_ballots_is_kept(tmp_path):
    result = read_previous(write(tmp_path, "region,X,Y\nN,,\nS,4,5\n"))
    assert result.regions == ("N", "S")
    assert result.votes[0].tolist() == [0, 0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("region,X\nN,1\nS,2\nN,3\n", "line 4: region 'N' is listed twice (first on line 2)"),
        (
            "region,party,votes\nN,X,1\nN,Y,1\nN,X,2\n",
            "line 4: region 'N', party 'X' is listed twice (first on line 2)",
        ),
        ("region,X\nN,-1\n", "line 2, 'X' must not be negative"),
        ("region,X\nN,1.5\n", "line 2, 'X' must be a whole number"),
        ("region,party,votes\nN,X,x\n", "line 2, votes must be a number"),
        (f"region,X\nN,{2**70}\n", f"line 2, 'X' is too large: {2**70}"),
        ("region,X,ballots\nN,1,1e30\n", "line 2, ballots is too large"),
        ("region,ballots,registered\nN,1,2\n", "has no party columns"),
        ("region,X\n", "has no rows, only a header"),
        ("", "previous result"),
        ("X,Y\n1,2\n", "has no 'region' column"),
        ("region,party,votes,balots\nN,X,1,3\n", "did you mean 'ballots'?"),
        ("region,party,X\nN,A,1\n", "a 'party' column but no 'votes' column"),
        (
            "region,party,votes,ballots\nN,X,1,10\nN,Y,1,11\n",
            "region 'N' gives ballots as ['10', '11']; give one value",
        ),
        ("region,party,votes,registered\nN,X,1,\nN,Y,1,z\n", "line 3, registered must be"),
        ("region,party,votes\nN,,1\n", "line 2: the party name is empty"),
        ("region,X\n,1\n", "line 2: the region name is empty"),
        ("region,X\nN,1,2\n", "line 2: 3 cells, more than the header's 2"),
        ("region,X,Y\nN,1\n", "line 2: 2 cells, fewer than the header's 3"),
    ],
)
def test_bad_previous_file_is_refused_by_name(tmp_path, text, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_previous(write(tmp_path, text))


def test_missing_previous_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="previous result not found"):
        read_previous(tmp_path / "nope.csv")
