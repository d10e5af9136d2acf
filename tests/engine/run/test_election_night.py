"""Nowcasts and replays from Python: exact at the end of the count, common draws, the schema."""

import numpy as np
import pytest

from seatcast.engine.config.reader import build_config, load_config
from seatcast.engine.errors import ConfigError
from seatcast.engine.run.election_night import nowcast, nowcast_inputs, replay
from tests.configs import CONFIGS, KAZAKHSTAN_SEATS, config_with, write_config
from tests.models.synthetic_elections import synthetic_election

NIGHT = CONFIGS / "kazakhstan-2023-election-night.toml"
RUN = {"n_draws": 3000, "chunk_size": 1000, "threads": 2}


@pytest.fixture(scope="module")
def night():
    config = config_with(NIGHT)
    return config, config.nowcast.read()


def test_the_demo_is_synthetic_and_ends_on_the_official_counts(night):
    config, snapshots = night
    official = config_with(CONFIGS / "kazakhstan-2023.toml").ballots
    assert "SYNTHETIC" in config.election.name
    assert len(snapshots) == 10 and len(snapshots[-1].regions) == 20
    final = snapshots[-1].national.tolist()
    assert final == list(official.votes) + list(official.other_votes)


def test_a_finished_count_gives_the_exact_allocation(night):
    config, snapshots = night
    result = nowcast(config, snapshots[-1], seed=1, **RUN)
    seats = result["seat_count"].argmax("seats").values.tolist()
    assert seats == KAZAKHSTAN_SEATS
    assert (result["seat_count"].max("seats") == 3000).all()
    assert result.attrs["counted_fraction"] == 1.0
    # The projected share is the official share, to the middle of its 0.01 % bin.
    official = config_with(CONFIGS / "kazakhstan-2023.toml").ballots
    share = np.array(official.votes + official.other_votes) / official.all_total
    for q in (0.05, 0.5, 0.95):
        projected = result["share_quantile"].sel(quantile=q).values
        assert np.abs(projected - share).max() <= 0.5e-4


@pytest.mark.parametrize("seed", range(8))
def test_finished_synthetic_counts_match_the_exact_reference(seed):
    election = synthetic_election(np.random.default_rng(seed))
    snapshot = election.snapshot(1.0)
    exact, _ = nowcast_inputs(election.config, snapshot)
    allocation = exact.system.allocate(exact.ballots)
    result = nowcast(election.config, snapshot, seed=seed, n_draws=50, chunk_size=50, threads=1)
    seats = result["seat_count"].argmax("seats").values.tolist()
    assert seats == list(allocation.seats)
    assert result["pass_count"].values.tolist() == [50 * e for e in allocation.eligible]


def test_replay_stacks_snapshots_on_common_draws(night):
    config, snapshots = night
    chosen = [snapshots[0], snapshots[5], snapshots[-1]]
    result = replay(config, chosen, seed=11, **RUN)
    assert result["seat_count"].dims == ("snapshot", "party", "seats")
    assert result["snapshot"].values.tolist() == ["01", "06", "10"]
    assert result["time"].values.tolist() == [s.time for s in chosen]
    fractions = result["counted_fraction"].values
    assert 0 < fractions[0] < fractions[1] < fractions[2] == 1.0
    assert result["seats_held"].dims == ("party",)
    alone = nowcast(config, snapshots[5], seed=11, **{**RUN, "threads": 1})
    assert (result["seat_count"].sel(snapshot="06") == alone["seat_count"]).all()
    assert (result["share_count"].sel(snapshot="06") == alone["share_count"]).all()


def test_ranges_narrow_as_the_count_goes_on(night):
    config, snapshots = night
    result = replay(config, snapshots, seed=5, **RUN)
    quantile = result["seats_quantile"]
    width = (quantile.sel(quantile=0.95) - quantile.sel(quantile=0.05)).sum("party").values
    assert width[0] > width[len(width) // 2] > width[-1] == 0


def test_a_repeated_snapshot_label_is_refused(night):
    config, snapshots = night
    with pytest.raises(ConfigError, match="snapshot '01' appears twice"):
        replay(config, [snapshots[0], snapshots[0]], seed=1, **RUN)


def test_snapshot_columns_must_match_the_config(night):
    _, snapshots = night
    other = build_config(
        {"rules": {"seats": 5, "method": "hare"}, "nowcast": {"parties": ["A", "B"]}}
    )
    with pytest.raises(ConfigError, match="but the config's parties and options are"):
        nowcast(other, snapshots[0], seed=1, **RUN)


def test_a_config_without_nowcast_is_refused(night):
    _, snapshots = night
    with pytest.raises(ConfigError, match=r"no \[nowcast\] section"):
        nowcast(config_with(), snapshots[0], seed=1, **RUN)


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"votes": {"A": 1}}, r"\[votes\] does not go with \[nowcast\]"),
        ({"model": {"kind": "dirichlet"}}, r"\[model\] does not go with \[nowcast\]"),
        ({"nowcast": {"parties": ["A", "A"]}}, "'A' is listed twice"),
        ({"nowcast": {"parties": ["A"], "swing": 0.1}}, "did you mean 'swing_sd'"),
        ({"nowcast": {"parties": ["A"], "late_sd": -1}}, "nowcast.late_sd must be a non-negative"),
        ({"nowcast": {"parties": ["A"], "swing_sd": "x"}}, "nowcast.swing_sd must be a number"),
        ({"nowcast": {"others": ["B"]}}, "missing nowcast.parties"),
    ],
)
def test_bad_nowcast_sections_are_refused(section, message):
    data = {"rules": {"seats": 5, "method": "hare"}, "nowcast": {"parties": ["A"]}, **section}
    with pytest.raises(ConfigError, match=message):
        build_config(data)


def test_a_previous_result_by_region_is_the_prior(tmp_path):
    (tmp_path / "previous.csv").write_text("region,A,B\nNorth,10,30\nSouth,60,20\n")
    (tmp_path / "now.csv").write_text(
        "region,precincts_reported,precincts_total,A,B\nNorth,2,4,50,50\nSouth,0,3,,\n"
    )
    path = write_config(
        tmp_path,
        '[rules]\nseats = 5\nmethod = "dhondt"\n'
        '[nowcast]\nparties = ["A", "B"]\nsnapshots = "now.csv"\nprevious = "previous.csv"\n',
    )
    config = load_config(path)
    _, model = nowcast_inputs(config, config.nowcast.read()[-1])
    np.testing.assert_allclose(model.prior, [[0.25, 0.75], [0.75, 0.25]])
    result = nowcast(config, config.nowcast.read()[-1], seed=1, **RUN)
    assert int(result["draws"]) == 3000
