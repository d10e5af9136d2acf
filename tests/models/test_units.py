"""The units file, and snapshots read against every unit: absent units, corrections, mistakes."""

import re

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.models.snapshots import SIZE_FIELDS, Snapshot, read_snapshots
from seatcast.models.units import (
    Units,
    align_snapshot,
    count_corrections,
    read_units,
    units_never_seen,
)
from tests.configs import write_file

COMPONENTS = ("A", "B")
UNITS = (
    "region,precincts_total,registered,district,kind\n"
    "Abai,20,20000,East,\n"
    "Akmola,10,,North,city\n"
    "Abroad,,5000,Abroad,abroad\n"
)


def write(tmp_path, text, name="units.csv"):
    return write_file(tmp_path / name, text)


@pytest.fixture
def units(tmp_path):
    return read_units(write(tmp_path, UNITS))


def snapshot(label, regions, counted, reported=None, total=None):
    """A snapshot built in memory; precinct figures NaN where None."""
    n = len(regions)
    sizes = {field: np.full(n, np.nan) for field in SIZE_FIELDS}
    for field, values in (("precincts_reported", reported), ("precincts_total", total)):
        if values is not None:
            sizes[field] = np.array(values, dtype=np.float64)
    return Snapshot(
        label=label,
        time="",
        regions=tuple(regions),
        components=COMPONENTS,
        counted=np.array(counted, dtype=np.int64).reshape(n, len(COMPONENTS)),
        sizes=sizes,
    )


def test_units_are_read_in_file_order(units):
    assert units.ids == ("Abai", "Akmola", "Abroad")
    assert units.position == {"Abai": 0, "Akmola": 1, "Abroad": 2}
    assert units.districts == ("East", "North", "Abroad")
    assert units.kinds == ("", "city", "abroad")


def test_missing_sizes_are_nan(units):
    np.testing.assert_array_equal(units.precincts_total, [20, 10, np.nan])
    np.testing.assert_array_equal(units.registered, [20000, np.nan, 5000])
    assert units.precincts_total.dtype == np.float64


def test_district_and_kind_columns_are_optional(tmp_path):
    units = read_units(write(tmp_path, "region,registered\nX,100\n"))
    assert units.districts is None
    assert units.kinds == ("",)
    assert np.isnan(units.precincts_total).all()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("region,precints_total\nX,1\n", "did you mean 'precincts_total'?"),
        ("unit,precincts_total\nX,1\n", "unknown column or key 'unit'"),
        ("precincts_total,registered\n1,2\n", "has no 'region' column"),
        ("region,kind\nX,city\n", "neither a 'precincts_total' nor a 'registered' column"),
        ("region,precincts_total\n", "has no rows, only a header"),
        ("region,registered\nX,0\n", "registered must be at least 1, got 0"),
        ("region,precincts_total\n,3\n", "line 2: the unit's region id is empty"),
        (
            "region,precincts_total\nX,3\nY,2\nX,4\n",
            "line 4: unit 'X' is listed twice (first on line 2)",
        ),
        ("region,precincts_total,registered\nX,,\n", "line 2: unit 'X' gives neither"),
        ("region,precincts_total\nX,2.5\n", "line 2, precincts_total must be a whole number"),
        ("region,precincts_total\nX,0\n", "line 2, precincts_total must be at least 1"),
        ("region,registered\nX,-4\n", "line 2, registered must not be negative"),
        (f"region,registered\nX,{2**70}\n", f"line 2, registered is too large: {2**70}"),
        ("region,precincts_total,district\nX,3,\n", "line 2: unit 'X' has an empty district"),
        ("region,precincts_total\nX,3,4\n", "line 2: 3 cells, more than the header's 2"),
        ("region,precincts_total,kind\nX,3\n", "line 2: 2 cells, fewer than the header's 3"),
        ("", "units file"),
    ],
)
def test_bad_units_file_is_refused_by_name(tmp_path, text, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        read_units(write(tmp_path, text))


def test_missing_or_non_utf8_units_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="units file not found"):
        read_units(tmp_path / "nope.csv")
    path = tmp_path / "units.csv"
    path.write_bytes("region,registered\nÖ,1\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="units file is not UTF-8 text"):
        read_units(path)


def test_an_absent_unit_has_counted_nothing(units):
    count = align_snapshot(snapshot("01", ["Akmola"], [[60, 40]], [5], [10]), units)
    assert count.counted.tolist() == [[0, 0], [60, 40], [0, 0]]
    assert count.reported.tolist() == [0, 5, 0]
    assert count.complete.tolist() == [False, False, False]


def test_counted_fraction_counts_absent_units_as_left_to_count(units):
    count = align_snapshot(snapshot("01", ["Akmola"], [[600, 400]], [10], [10]), units)
    expected = np.array([14000.0, 1000.0, 3000.0])
    assert count.complete.tolist() == [False, True, False]
    # Only Akmola's ballots would make it 100 %; the units file keeps the others in view.
    assert count.counted_fraction(expected) == pytest.approx(1000 / 18000)


def test_a_unit_without_precinct_figures_is_complete_once_counted(units):
    count = align_snapshot(snapshot("01", ["Abroad"], [[30, 20]]), units)
    assert np.isnan(count.reported[2])
    assert count.complete.tolist() == [False, False, True]


def test_snapshot_precincts_total_fills_a_unit_without_one(units):
    count = align_snapshot(snapshot("01", ["Abroad"], [[30, 20]], [2], [4]), units)
    assert count.precincts_total.tolist() == [20, 10, 4]
    assert count.reported[2] == 2 and not count.complete[2]


def test_aligning_a_file_series(tmp_path, units):
    text = "snapshot,region,precincts_reported,precincts_total,A,B\n01,Abai,20,20,5,5\n"
    (night,) = read_snapshots(write(tmp_path, text, "night.csv"), COMPONENTS)
    count = align_snapshot(night, units)
    assert count.label == "01"
    assert count.complete.tolist() == [True, False, False]


@pytest.mark.parametrize(
    ("night", "message"),
    [
        (
            snapshot("02", ["Akmla"], [[1, 1]], [1], [10]),
            "snapshot '02': region 'Akmla' is not in the units file",
        ),
        (snapshot("02", ["Akmla"], [[1, 1]], [1], [10]), "; did you mean 'Akmola'?"),
        (
            snapshot("02", ["Abai"], [[1, 1]], [21], None),
            "snapshot '02': unit 'Abai' reports 21 precincts, more than its precincts_total (20)",
        ),
        (
            snapshot("02", ["Abai"], [[1, 1]], [3], [25]),
            "unit 'Abai' has precincts_total 25, but 20 in the units file",
        ),
        (
            snapshot("02", ["Abroad"], [[1, 1]], [1], None),
            "unit 'Abroad' gives precincts_reported (1), but neither the snapshot nor",
        ),
    ],
)
def test_a_snapshot_that_contradicts_the_units_is_refused(units, night, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        align_snapshot(night, units)


def test_corrections_are_warnings(units):
    night = [
        snapshot("01", ["Abai", "Abroad"], [[50, 50], [30, 20]], [12, np.nan], [20, np.nan]),
        snapshot("02", ["Abai", "Abroad"], [[40, 40], [30, 10]], [10, np.nan], [20, np.nan]),
        snapshot("03", ["Abai", "Abroad"], [[60, 40], [30, 10]], [14, np.nan], [20, np.nan]),
    ]
    assert count_corrections(night, units) == [
        "snapshot '02': unit 'Abai' precincts reported went down from 12 to 10 (a correction)",
        "snapshot '02': unit 'Abroad' votes counted went down from 50 to 40 (a correction)",
    ]


def test_a_unit_dropped_from_the_feed_is_a_correction(units):
    night = [
        snapshot("01", ["Akmola"], [[5, 5]], [2], [10]),
        snapshot("02", ["Abai"], [[5, 5]], [2], [20]),
    ]
    assert count_corrections(night, units) == [
        "snapshot '02': unit 'Akmola' precincts reported went down from 2 to 0 (a correction)"
    ]


def test_units_never_seen(units):
    night = [snapshot("01", ["Akmola"], [[5, 5]]), snapshot("02", ["Abai"], [[5, 5]])]
    assert units_never_seen(night, units) == ("Abroad",)


def test_a_series_without_units_is_read_against_the_regions_it_names():
    night = [
        snapshot("01", ["Abai", "Abroad"], [[50, 50], [30, 20]], [12, np.nan], [20, np.nan]),
        snapshot("02", ["Abai", "Akmola"], [[40, 40], [7, 7]], [10, np.nan], [20, np.nan]),
    ]
    regions = Units.of_snapshots(night)
    assert regions.ids == ("Abai", "Abroad", "Akmola")
    assert count_corrections(night, regions) == [
        "snapshot '02': unit 'Abai' precincts reported went down from 12 to 10 (a correction)",
        "snapshot '02': unit 'Abroad' votes counted went down from 50 to 0 (a correction)",
    ]
