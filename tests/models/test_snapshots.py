"""Reading snapshots of the count: CSV, TOML, series, precinct rows, and bad input."""

import re
import tracemalloc

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.models.snapshots import read_snapshots
from tests.configs import write_file

COMPONENTS = ("A", "B", "Blank")
HEADER = "region,precincts_reported,precincts_total,A,B,Blank\n"


def write(tmp_path, text, name="night.csv"):
    return write_file(tmp_path / name, text)


def test_csv_snapshot(tmp_path):
    path = write(tmp_path, HEADER + "North,3,10,300,200,10\nSouth,0,5,,,\n")
    (snapshot,) = read_snapshots(path, COMPONENTS)
    assert snapshot.label == "night"
    assert snapshot.regions == ("North", "South")
    assert snapshot.counted.tolist() == [[300, 200, 10], [0, 0, 0]]
    assert snapshot.national.tolist() == [300, 200, 10]
    assert snapshot.sizes["precincts_total"].tolist() == [10, 5]
    assert np.isnan(snapshot.sizes["expected"]).all()


def test_series_in_one_csv_keeps_its_order_and_times(tmp_path):
    text = (
        "snapshot,time,region,precincts_reported,precincts_total,A,B,Blank\n"
        "late,23:00,North,10,10,900,800,30\n"
        "early,22:00,North,3,10,300,200,10\n"
    )
    snapshots = read_snapshots(write(tmp_path, text), COMPONENTS)
    assert [(s.label, s.time) for s in snapshots] == [("late", "23:00"), ("early", "22:00")]


def test_folder_series_in_file_name_order(tmp_path):
    write(tmp_path, HEADER + "North,5,10,500,400,20\n", "02.csv")
    write(
        tmp_path,
        'time = "21:00"\n[regions.North]\nprecincts_reported = 1\nprecincts_total = 10\n'
        "votes = { A = 100, B = 90 }\n",
        "01.toml",
    )
    snapshots = read_snapshots(tmp_path, COMPONENTS)
    assert [s.label for s in snapshots] == ["01", "02"]
    assert snapshots[0].time == "21:00"
    assert snapshots[0].counted.tolist() == [[100, 90, 0]]


def test_precinct_rows_are_summed_and_measured(tmp_path):
    text = (
        "region,precinct,A,B,Blank\n"
        "North,1,300,100,5\n"
        "North,2,200,200,5\n"
        "North,3,,,\n"
        "South,1,100,300,0\n"
        "South,2,150,250,10\n"
    )
    (snapshot,) = read_snapshots(write(tmp_path, text), COMPONENTS)
    assert snapshot.counted.tolist() == [[500, 300, 10], [250, 550, 10]]
    assert snapshot.sizes["precincts_reported"].tolist() == [2, 2]
    assert snapshot.sizes["precincts_total"].tolist() == [3, 2]
    spread = snapshot.spread
    assert spread.n_precincts == 4
    assert spread.ballots == pytest.approx((405 + 405 + 400 + 410) / 4)
    assert 0.1 < spread.log_share_sd < 1.0


def test_identical_precincts_have_no_spread(tmp_path):
    text = "region,precinct,A,B,Blank\n" + "".join(f"R,{i},600,400,0\n" for i in range(4))
    (snapshot,) = read_snapshots(write(tmp_path, text), COMPONENTS)
    assert snapshot.spread.log_share_sd == pytest.approx(0.0, abs=1e-12)
    assert snapshot.spread.ballots_cv == 0.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("region,precints_reported,A,B,Blank\n", "did you mean 'precincts_reported'"),
        ("region,A,B\nNorth,1,2\n", "no column for 'Blank'"),
        ("A,B,Blank\n1,2,3\n", "no 'region' column"),
        (HEADER + "North,3,10,-5,0,0\n", "line 2, 'A' must not be negative"),
        (HEADER + "North,3,10,1.5,0,0\n", "line 2, 'A' must be a whole number"),
        (HEADER + "North,11,10,1,0,0\n", "precincts_reported (11) exceeds precincts_total (10)"),
        (HEADER + "North,,10,1,0,0\n", "precincts_total needs precincts_reported"),
        (HEADER + "North,0,10,1,0,0\n", "votes are counted but precincts_reported is 0"),
        (HEADER + "North,1,10,1,0,0\nNorth,2,10,1,0,0\n", "region 'North' appears twice"),
        ("region,registered,turnout,A,B,Blank\nNorth,100,64,1,0,0\n", "a fraction"),
        ("region,registered,A,B,Blank\nNorth,100,1,0,0\n", "needs a turnout"),
        ("region,expected_sd,A,B,Blank\nNorth,100,1,0,0\n", "expected_sd needs expected"),
        (
            "region,precinct,turnout,registered,A,B,Blank\nR,1,0.5,9,1,1,0\nR,2,0.6,9,1,1,0\n",
            "gives turnout as ['0.5', '0.6']",
        ),
    ],
)
def test_bad_csv_is_refused_by_name(tmp_path, text, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_snapshots(write(tmp_path, text), COMPONENTS)


def test_bad_toml_is_refused_by_name(tmp_path):
    path = write(tmp_path, "[regions.North]\nvotes = { A = 1, C = 2 }\n", "x.toml")
    with pytest.raises(ConfigError, match=r"unknown column or key 'C' in .*regions\.North\.votes"):
        read_snapshots(path, COMPONENTS)
    path = write(tmp_path, "[regions.North\n", "y.toml")
    with pytest.raises(ConfigError, match="malformed TOML"):
        read_snapshots(path, COMPONENTS)


def test_missing_paths_are_named(tmp_path):
    with pytest.raises(ConfigError, match="snapshot file not found"):
        read_snapshots(tmp_path / "nope.csv", COMPONENTS)
    with pytest.raises(ConfigError, match=r"holds no \.csv or \.toml"):
        read_snapshots(tmp_path, COMPONENTS)
    with pytest.raises(ConfigError, match=r"are \.csv or \.toml"):
        read_snapshots(write(tmp_path, "x", "night.txt"), COMPONENTS)


def test_precinct_rows_stream_without_holding_the_rows(tmp_path):
    """Memory grows with the regions and reported precincts, not with the rows as text.

    20,000 precinct rows held as parsed rows would take about 20 MB; streamed,
    the reader keeps 4 numbers per reported precinct (about 5 MB at its peak,
    with the spread measured).
    """
    path = tmp_path / "precincts.csv"
    with path.open("w") as handle:
        handle.write("region,precinct,precincts_total,A,B,Blank\n")
        for precinct in range(20_000):
            region = ("North", "South")[precinct % 2]
            handle.write(f"{region},P{precinct},,{300 + precinct % 7},{200 + precinct % 5},3\n")
    tracemalloc.start()
    try:
        (snapshot,) = read_snapshots(path, COMPONENTS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert snapshot.sizes["precincts_reported"].tolist() == [10_000, 10_000]
    assert snapshot.spread.n_precincts == 20_000
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MiB"
