"""Result Datasets: the schema, derived values checked by hand, netCDF written atomically."""

import os
import socket
import stat
import subprocess
import sys

import numpy as np
import pytest
import xarray as xr

from seatcast.engine.results.dataset import seats_quantile
from seatcast.engine.results.files import open_results, write_results
from tests.configs import KAZAKHSTAN, config_with
from tests.engine.run.test_runner import run

COALITIONS = {"Amanat + Auyl": ["Amanat", "Auyl"], "small": ["JSDP", "Baytaq"]}


@pytest.fixture(scope="module")
def result():
    config = config_with(
        model={"kind": "logit-normal", "sd": 0.1},
        coalitions=COALITIONS,
        chamber={"seats": 98, "majority": 50, "held": {"Amanat": 12}},
    )
    return run(config, 50_000, seed=2**100 + 1)[1]


def test_schema_follows_the_design(result):
    assert result["seat_count"].dims == ("party", "seats")
    assert result["seat_count"].dtype == np.int64
    assert result["pass_count"].dtype == np.int64
    assert result["draws"].dtype == np.int64 and int(result["draws"]) == 50_000
    assert list(result["party"].values)[-1] == "Baytaq"
    assert "People's Party of Kazakhstan" in result["party"].values
    assert list(result["seats"].values) == list(range(99))  # to the chamber size
    assert list(result["quantile"].values) == [0.05, 0.5, 0.95]
    assert list(result["coalition"].values) == list(COALITIONS)
    for name in ("seat", "pass", "majority", "coalition_majority"):
        assert f"{name}_probability_mcse" in result
    assert "supermajority_probability" in result and result.attrs["supermajority"] == 66
    assert list(result["tier"].values) == ["allocated", "held"]
    assert (result["tier_seat_count"].sel(tier="held", party="Amanat", seats=12) == 50_000).all()
    assert (result["seat_count"].sum("seats") == 50_000).all()
    for key in ("seatcast_version", "numba_version", "numpy_version", "config_toml", "created_at"):
        assert result.attrs[key]
    assert result.attrs["seed"] == str(2**100 + 1)  # too large for an int64 attr
    assert result.attrs["n_chunks"] == 5 and result.attrs["chunk_size"] == 10_000


def test_derived_values_match_the_counts(result):
    counts = result["seat_count"].sel(party="Amanat").values  # the whole chamber
    listed = result["tier_seat_count"].sel(tier="allocated", party="Amanat").values
    assert np.array_equal(counts[12:], listed[:-12]) and counts[:12].sum() == 0
    probability = counts / counts.sum()
    assert float(result["seats_mean"].sel(party="Amanat")) == pytest.approx(
        (probability * np.arange(99)).sum()
    )
    # Majority: 50 of 98 seats, 12 of them held, so 38 list seats.
    assert float(result["majority_probability"].sel(party="Amanat")) == pytest.approx(
        probability[50:].sum()
    )
    assert probability[50:].sum() == pytest.approx(listed[38:].sum() / listed.sum())
    median = int(result["seats_quantile"].sel(party="Amanat", quantile=0.5))
    assert probability[:median].sum() < 0.5 <= probability[: median + 1].sum()


def test_quantiles_of_a_histogram_by_hand():
    counts = xr.DataArray([[2, 0, 3, 5]], dims=("party", "seats"))
    values = seats_quantile(counts, [0.05, 0.2, 0.21, 0.5, 0.51, 1.0]).values[:, 0]
    assert list(values) == [0, 0, 2, 2, 3, 3]


def test_round_trip_through_netcdf(result, tmp_path):
    path = tmp_path / "result.nc"
    write_results(result, path)
    back = open_results(path)
    xr.testing.assert_identical(back, result)
    assert list(tmp_path.iterdir()) == [path]


def test_a_failed_write_leaves_neither_file_nor_temporary(result, tmp_path):
    broken = result.copy()
    broken.attrs["not storable"] = {"a": 1}  # netCDF attrs are strings or numbers
    path = tmp_path / "result.nc"
    with pytest.raises(TypeError):
        write_results(broken, path)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_leaves_the_old_file_untouched(result, tmp_path):
    path = tmp_path / "result.nc"
    path.write_bytes(b"previous result")
    broken = result.copy()
    broken.attrs["not storable"] = {"a": 1}
    with pytest.raises(TypeError):
        write_results(broken, path)
    assert path.read_bytes() == b"previous result"
    assert list(tmp_path.iterdir()) == [path]


def test_a_written_result_has_the_usual_file_mode(result, tmp_path):
    mask = os.umask(0o027)
    try:
        write_results(result, tmp_path / "seats.nc")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "seats.nc").stat().st_mode) == 0o640


def test_a_refused_write_is_one_line_exit_1_and_leaves_nothing(tmp_path):
    """A write beyond the file-size limit fails in the system call, as on a full disk."""
    script = (
        "import resource, signal, sys\n"
        "from seatcast.engine.cli.main import main\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    output = tmp_path / "seats.nc"
    command = [sys.executable, "-c", script, "run", str(KAZAKHSTAN), "-o", str(output)]
    finished = subprocess.run(
        [*command, "--draws", "1000", "--quiet"], capture_output=True, text=True, timeout=300
    )
    assert finished.returncode == 1
    assert finished.stderr == f"seatcast: error: cannot write {output}: File too large\n"
    assert finished.stdout == "" and list(tmp_path.iterdir()) == []


def test_sigterm_during_the_write_keeps_the_old_file_and_leaves_no_part(tmp_path):
    """The signal arrives when the bytes are on disk in the temporary file, before the rename."""
    script = (
        "import os, signal, sys\n"
        "from seatcast.engine.cli.main import main\n"
        "real_fsync = os.fsync\n"
        "def fsync_then_sigterm(fd):\n"
        "    real_fsync(fd)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "os.fsync = fsync_then_sigterm\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    output = tmp_path / "seats.nc"
    output.write_bytes(b"previous result")
    command = [sys.executable, "-c", script, "run", str(KAZAKHSTAN), "-o", str(output)]
    finished = subprocess.run(
        [*command, "--draws", "1000", "--quiet"], capture_output=True, text=True, timeout=300
    )
    assert finished.returncode == 143
    assert finished.stderr == "seatcast: stopped by SIGTERM; no file was left half-written\n"
    assert finished.stdout == ""
    assert list(tmp_path.iterdir()) == [output]
    assert output.read_bytes() == b"previous result"


def test_partial_files_of_dead_runs_are_removed_and_live_ones_kept(result, tmp_path):
    host = socket.gethostname().replace(".", "-")
    dead = tmp_path / f".seats.nc.{host}.999999999.abc.part"  # above any pid Linux gives
    live = tmp_path / f".seats.nc.{host}.{os.getppid()}.abc.part"
    other_host = tmp_path / ".seats.nc.elsewhere.1.abc.part"
    for part in (dead, live, other_host):
        part.write_bytes(b"partial")
    write_results(result, tmp_path / "seats.nc")
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [live.name, other_host.name, "seats.nc"]
    )


@pytest.fixture
def small_disk(tmp_path):
    """A 64 KiB tmpfs, where mounting one is allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_is_one_line_exit_1_and_leaves_nothing(small_disk):
    output = small_disk / "seats.nc"
    command = [sys.executable, "-m", "seatcast.engine.cli", "run", str(KAZAKHSTAN)]
    finished = subprocess.run(
        # With the index histograms the result is larger than the 64 KiB disk.
        [*command, "-o", str(output), "--draws", "1000", "--indices", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 1
    assert finished.stderr.startswith(f"seatcast: error: cannot write {output}")
    assert finished.stderr.count("\n") == 1 and finished.stdout == ""
    assert list(small_disk.iterdir()) == []
