"""Long (feed-shaped) snapshot CSVs read like wide ones; malformed tables are refused by line."""

import re
import time

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.models.snapshots import SIZE_FIELDS, read_snapshots
from tests.configs import write_file

COMPONENTS = ("A", "B", "Blank")
WIDE = "region,precincts_reported,precincts_total,A,B,Blank\n"
LONG = "region,party,votes,precincts_reported,precincts_total\n"


def write(tmp_path, text, name="night.csv"):
    return write_file(tmp_path / name, text)


def random_series(seed=7, n_snapshots=3, n_regions=6):
    """A random count: rows of (snapshot, time, region, reported, total, registered, votes)."""
    rng = np.random.default_rng(seed)
    totals = rng.integers(5, 50, n_regions)
    rows = []
    for s in range(n_snapshots):
        for r in range(n_regions):
            reported = int(totals[r] * (s + 1) // n_snapshots) if rng.random() < 0.8 else 0
            votes = rng.integers(0, 900, len(COMPONENTS)) * (reported > 0)
            votes[rng.random(len(COMPONENTS)) < 0.2] = 0
            if reported and not votes.any():
                votes[0] = 1
            registered = 1000 * int(totals[r])
            rows.append((f"0{s + 1}", f"2{s}:00", f"R{r}", reported, int(totals[r]), registered))
            rows[-1] += (votes.tolist(),)
    return rows


def wide_text(rows):
    header = "snapshot,time,region,precincts_reported,precincts_total,registered,turnout"
    lines = [f"{header},{','.join(COMPONENTS)}"]
    for label, when, region, reported, total, registered, votes in rows:
        cells = [str(v) if v else "" for v in votes]
        lines.append(
            f"{label},{when},{region},{reported},{total},{registered},0.6,{','.join(cells)}"
        )
    return "\n".join(lines) + "\n"


def long_text(rows):
    """Party-major in each snapshot, zero votes left out: regions still first appear in order."""
    lines = [
        "snapshot,time,region,party,votes,precincts_reported,precincts_total,registered,turnout"
    ]
    by_snapshot = {}
    for row in rows:
        by_snapshot.setdefault(row[0], []).append(row)
    for group in by_snapshot.values():
        for k, party in enumerate(COMPONENTS):
            for label, when, region, reported, total, registered, votes in group:
                if votes[k] or k == 0:
                    sizes = f"{reported},{total},{registered},0.6"
                    lines.append(f"{label},{when},{region},{party},{votes[k]},{sizes}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def both(tmp_path):
    rows = random_series()
    wide = read_snapshots(write(tmp_path, wide_text(rows), "wide.csv"), COMPONENTS)
    long = read_snapshots(write(tmp_path, long_text(rows), "long.csv"), COMPONENTS)
    return wide, long


def test_long_series_has_the_wide_labels_and_times(both):
    wide, long = both
    assert [(s.label, s.time) for s in long] == [(s.label, s.time) for s in wide]
    assert len(long) == 3


def test_long_series_has_the_wide_regions_and_counts(both):
    for wide, long in zip(*both, strict=True):
        assert long.regions == wide.regions
        assert long.components == wide.components
        assert long.counted.dtype == np.int64
        np.testing.assert_array_equal(long.counted, wide.counted)


def test_long_series_has_the_wide_sizes(both):
    for wide, long in zip(*both, strict=True):
        assert set(long.sizes) == set(SIZE_FIELDS)
        for field in SIZE_FIELDS:
            np.testing.assert_array_equal(long.sizes[field], wide.sizes[field])


def test_long_snapshot_without_series_takes_the_file_name(tmp_path):
    text = LONG + "North,A,300,3,10\nNorth,B,200,3,10\nSouth,Blank,5,1,4\n"
    (snapshot,) = read_snapshots(write(tmp_path, text), COMPONENTS)
    assert snapshot.label == "night"
    assert snapshot.counted.tolist() == [[300, 200, 0], [0, 0, 5]]


def test_long_rows_may_leave_a_size_empty_on_some_rows(tmp_path):
    text = LONG + "North,A,300,3,10\nNorth,B,200,,\n"
    (snapshot,) = read_snapshots(write(tmp_path, text), COMPONENTS)
    assert snapshot.sizes["precincts_reported"].tolist() == [3.0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            LONG + "North,Blnak,3,1,10\n",
            "line 2: 'Blnak' is not a party or no-seat option; did you mean 'Blank'?",
        ),
        (LONG + "North,,3,1,10\n", "line 2: the party name is empty"),
        (
            LONG + "North,A,3,1,10\nNorth,B,3,1,10\nNorth,A,4,1,10\n",
            "line 4: region 'North' gives votes for 'A' again (first on line 2)",
        ),
        (
            LONG + "North,A,3,1,10\nNorth,B,3,2,10\n",
            "region 'North' gives precincts_reported as ['1', '2']; give one value",
        ),
        (LONG + "North,A,-3,1,10\n", "line 2, votes must not be negative"),
        (LONG + "North,A,x,1,10\n", "line 2, votes must be a number"),
        (LONG + "North,A,3,1,ten\n", "line 2, precincts_total must be a number"),
        (LONG + "North,A,3,11,10\n", "precincts_reported (11) exceeds precincts_total (10)"),
        ("region,party,votes,precincts_reprted\n", "'precincts_reprted' in"),
        ("region,party,votes,A\nNorth,A,1,1\n", "unknown column or key 'A'"),
        ("party,votes\nA,1\n", "has no 'region' column"),
        ("region,precinct,party,votes\nN,1,A,1\n", "long snapshots are by region"),
        (LONG, "has no rows, only a header"),
        (LONG + "North,A,3,1,10\nNorth,A,3,1\n", "line 3: 4 cells, fewer than the header's 5"),
        (
            "snapshot,time,region,party,votes\n1,20:00,N,A,1\n1,21:00,N,B,1\n",
            "snapshot '1' has more than one time",
        ),
    ],
)
def test_bad_long_csv_is_refused_by_name(tmp_path, text, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_snapshots(write(tmp_path, text), COMPONENTS)


def test_a_series_names_the_snapshot_of_disagreeing_sizes(tmp_path):
    text = "snapshot,region,party,votes,turnout,registered\n02,N,A,1,0.5,9\n02,N,B,1,0.6,9\n"
    message = "snapshot '02': region 'N' gives turnout as ['0.5', '0.6']"
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_snapshots(write(tmp_path, text), COMPONENTS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (WIDE, "has no rows, only a header"),
        ("", "snapshot file"),
        (WIDE + "North,3,10,300,200,10,7\n", "line 2: 7 cells, more than the header's 6 columns"),
        (WIDE + "North,3,10,300,200\n", "line 2: 5 cells, fewer than the header's 6 columns"),
        (WIDE + "North,3,10,300,200,10\nSouth,1,4,1,1,1,\n", "line 3: 7 cells, more"),
        (WIDE + f"North,3,10,{2**70},0,0\n", f"line 2, 'A' is too large: {2**70}"),
        (WIDE + f"North,3,{2**70},1,0,0\n", "line 2, precincts_total is too large"),
        ("region,expected,expected_sd,A,B,Blank\nN,10,1e400,1,0,0\n", "expected_sd is too large"),
        ("region,A,B,Blank,A\nN,1,2,3,4\n", "column 'A' appears twice in the header"),
        ("region,A,,B,Blank\nN,1,,2,3\n", "column 3 of the header has no name"),
    ],
)
def test_malformed_wide_csv_is_refused_by_line(tmp_path, text, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_snapshots(write(tmp_path, text), COMPONENTS)


@pytest.mark.parametrize(
    ("cell", "message"),
    [("1e999999999", "'A' is too large"), ("1e-999999999", "'A' has more than 100 decimal places")],
)
def test_a_huge_exponent_is_refused_at_once(tmp_path, cell, message):
    path = write(tmp_path, WIDE + f"North,3,10,{cell},0,0\n")
    start = time.perf_counter()
    with pytest.raises(ConfigError, match=re.escape(f"line 2, {message}")):
        read_snapshots(path, COMPONENTS)
    assert time.perf_counter() - start < 1.0


def test_blank_lines_are_skipped(tmp_path):
    (snapshot,) = read_snapshots(write(tmp_path, WIDE + "\nNorth,3,10,1,2,3\n\n"), COMPONENTS)
    assert snapshot.regions == ("North",)


def test_a_bad_cell_names_the_line_it_is_on(tmp_path):
    text = WIDE + "North,3,10,1,2,3\n\nSouth,1,4,1,x,3\n"
    with pytest.raises(ConfigError, match=re.escape("line 4, 'B' must be a number")):
        read_snapshots(write(tmp_path, text), COMPONENTS)


def test_not_utf8_is_refused(tmp_path):
    path = tmp_path / "night.csv"
    path.write_bytes(WIDE.encode() + "Nörth,1,2,3,4,5\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="snapshot file is not UTF-8 text"):
        read_snapshots(path, COMPONENTS)
