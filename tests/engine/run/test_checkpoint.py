"""Checkpoints: a run killed with SIGKILL resumes without redoing its chunks, to the same result."""

import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from seatcast.engine.cli.main import main
from seatcast.engine.config.reader import load_config
from seatcast.engine.results.files import open_results
from seatcast.engine.run.checkpoint import FILE_NAME
from seatcast.engine.run.simulate import simulate
from tests.configs import KAZAKHSTAN

DRAWS, CHUNK, SEED = 12_000_000, 50_000, 21
COMMON = [
    "run",
    str(KAZAKHSTAN),
    "--draws",
    str(DRAWS),
    "--chunk-size",
    str(CHUNK),
    "--seed",
    str(SEED),
    "--threads",
    "1",
    "--indices",
]


def saved_chunks(directory):
    """Chunks in a checkpoint, or 0 while there is none."""
    path = directory / FILE_NAME
    if not path.exists():
        return 0
    with np.load(path) as saved:
        return len(saved["done"])


def test_a_killed_run_resumes_without_redoing_chunks(tmp_path):
    checkpoint, output = tmp_path / "checkpoint", tmp_path / "seats.nc"
    command = [sys.executable, "-m", "seatcast.engine.cli", *COMMON]
    command += ["--checkpoint", str(checkpoint)]
    process = subprocess.Popen([*command, "-o", str(output)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while saved_chunks(checkpoint) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = saved_chunks(checkpoint)
    assert 0 < done < DRAWS // CHUNK
    assert not output.exists()

    resumed = subprocess.run(
        [*command, "-o", str(output), "--quiet"], capture_output=True, text=True, check=True
    )
    assert resumed.stdout == "" and "resumed" not in resumed.stderr  # --quiet says nothing
    again = subprocess.run(
        [*command, "-o", str(tmp_path / "again.nc")], capture_output=True, text=True, check=True
    )
    assert f"resumed {DRAWS:,} of {DRAWS:,} draws" in again.stderr  # nothing left to do

    uninterrupted = simulate(
        load_config(KAZAKHSTAN), n_draws=DRAWS, seed=SEED, chunk_size=CHUNK, threads=2, indices=True
    )
    result = open_results(output)
    for name in ("seat_count", "pass_count", "draws", "effective_parties_count"):
        assert np.array_equal(result[name].values, uninterrupted[name].values), name


def test_the_same_command_again_takes_every_chunk_from_the_checkpoint(tmp_path, capsys):
    checkpoint = tmp_path / "checkpoint"
    small = ["run", str(KAZAKHSTAN), "--draws", "40000", "--chunk-size", "10000", "--seed", "3"]
    args = [*small, "--checkpoint", str(checkpoint), "-o", str(tmp_path / "b.nc")]
    assert main(args) == 0
    assert main(args) == 0
    assert "resumed 40,000 of 40,000 draws from the checkpoint" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "differs"),
    [
        (["--seed", "4"], "seed"),
        (["--threshold", "0.07"], "rules"),
        (["--draws", "39000"], "draws"),
    ],
)
def test_a_checkpoint_of_another_run_is_refused(tmp_path, capsys, change, differs):
    checkpoint = tmp_path / "checkpoint"
    base = ["run", str(KAZAKHSTAN), "--draws", "40000", "--chunk-size", "10000", "--seed", "3"]
    assert main([*base, "--checkpoint", str(checkpoint), "-o", str(tmp_path / "a.nc")]) == 0
    capsys.readouterr()
    out = tmp_path / "b.nc"
    status = main([*base, *change, "--checkpoint", str(checkpoint), "-o", str(out)])
    assert status == 2
    assert f"is from another run (its {differs} differs)" in capsys.readouterr().err
    assert not out.exists()


def test_a_checkpoint_that_is_a_file_is_refused(tmp_path, capsys):
    path = tmp_path / "taken"
    path.write_text("not a directory")
    args = ["run", str(KAZAKHSTAN), "--draws", "1000", "--checkpoint", str(path)]
    assert main([*args, "-o", str(tmp_path / "a.nc")]) == 2
    assert "is a file, not a directory" in capsys.readouterr().err


def test_sigterm_saves_the_checkpoint_and_leaves_no_output(tmp_path):
    checkpoint, output = tmp_path / "checkpoint", tmp_path / "seats.nc"
    command = [sys.executable, "-m", "seatcast.engine.cli", *COMMON]
    command += ["--checkpoint", str(checkpoint), "-o", str(output)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while saved_chunks(checkpoint) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be stopped"
    process.send_signal(signal.SIGTERM)
    _, error = process.communicate(timeout=60)
    assert process.returncode == 143
    assert error.startswith("seatcast: stopped by SIGTERM") and error.count("\n") == 1
    assert not output.exists()
    assert saved_chunks(checkpoint) > 0
    assert [path.name for path in checkpoint.iterdir()] == [FILE_NAME]


def test_a_corrupt_checkpoint_is_one_line_with_advice(tmp_path, capsys):
    checkpoint = tmp_path / "checkpoint"
    checkpoint.mkdir()
    (checkpoint / FILE_NAME).write_bytes(b"PK\x03\x04 truncated")
    output = tmp_path / "seats.nc"
    assert main([*COMMON, "--checkpoint", str(checkpoint), "-o", str(output)]) == 2
    error = capsys.readouterr().err
    assert "cannot read checkpoint" in error and "delete it" in error
    assert error.count("\n") == 1 and not output.exists()
