"""`seatcast run` on the command line: output, reproducibility, bad input, interruption."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from seatcast.engine.cli.main import main
from seatcast.engine.results.files import open_results
from tests.configs import KAZAKHSTAN, write_config

KZ_TEXT = KAZAKHSTAN.read_text(encoding="utf-8")
BASE = KZ_TEXT[: KZ_TEXT.index("[model]")]


def run_cli(*args):
    return main(["run", *map(str, args)])


def test_run_writes_a_result_and_prints_the_summary(tmp_path, capsys):
    output = tmp_path / "kz.nc"
    assert run_cli(KAZAKHSTAN, "-o", output, "--draws", "20_000", "--seed", "3") == 0
    printed = capsys.readouterr().out
    assert "Amanat" in printed and "90 % interval" in printed and f"wrote {output}" in printed
    result = open_results(output)
    assert int(result["draws"]) == 20_000 and result.attrs["seed"] == 3
    assert result.attrs["config_toml"] == KZ_TEXT


def test_same_seed_same_counts_on_any_threads(tmp_path):
    counts = []
    for threads in ("1", "3"):
        output = tmp_path / f"t{threads}.nc"
        args = ["-o", output, "--draws", "30001", "--seed", "11", "--threads", threads]
        assert run_cli(KAZAKHSTAN, *args, "--chunk-size", "7000", "--quiet") == 0
        counts.append(open_results(output)["seat_count"].values)
    assert np.array_equal(*counts)


def test_a_fresh_seed_is_recorded_and_reproduces_the_run(tmp_path, capsys):
    first, second = tmp_path / "a.nc", tmp_path / "b.nc"
    assert run_cli(KAZAKHSTAN, "-o", first, "--draws", "5000", "--quiet") == 0
    seed = open_results(first).attrs["seed"]
    assert str(seed).isdigit()
    assert run_cli(KAZAKHSTAN, "-o", second, "--draws", "5000", "--seed", seed, "--quiet") == 0
    assert np.array_equal(
        open_results(first)["seat_count"].values, open_results(second)["seat_count"].values
    )
    assert capsys.readouterr().out == ""


def test_default_output_is_named_after_the_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli(KAZAKHSTAN, "--draws", "1000", "--seed", "1", "--quiet") == 0
    assert (tmp_path / "kazakhstan-2023.nc").is_file()


def test_run_section_sets_draws_and_seed(tmp_path):
    config = write_config(tmp_path, KZ_TEXT + "\n[run]\ndraws = 1234\nseed = 99\n")
    output = tmp_path / "out.nc"
    assert run_cli(config, "-o", output, "--quiet") == 0
    result = open_results(output)
    assert int(result["draws"]) == 1234 and result.attrs["seed"] == 99


BAD_MODELS = {
    'kind = "logit-normall"\nsd = 0.1': "did you mean 'logit-normal'",
    'kind = "logit-normal"\nsd = -0.1': "model.sd must be a non-negative",
    'kind = "logit-normal"\nsd = 0.1\nsdd = 2': "unknown key 'sdd' in [model]; did you mean 'sd'",
    'kind = "logit-normal"\nsd = { Amanat = 0.1 }': "model.sd has no value for 'Auyl'",
    'kind = "logit-normal"\nsd = 0.1\nsystematic = { Amant = 0.1 }': "did you mean 'Amanat'",
    'kind = "logit-normal"\nsd = 0.1\ncorrelation = [[1, 0], [0, 1]]': "correlation must be 8 x 8",
    'kind = "logit-normal"\ncovariance = [[1, 0], [0]]': "all of one length",
    'kind = "dirichlet"': "model.concentration or model.sample_size",
    'kind = "dirichlet"\nconcentration = 0': "model.concentration must be a positive",
    'kind = "dirichlet"\nsample_size = "many"': "model.sample_size must be a number",
    'kind = "draws"\npath = "nowhere.nc"': "draws file not found",
}


@pytest.mark.parametrize("model", BAD_MODELS)
def test_bad_model_sections_are_refused_with_the_key(tmp_path, capsys, model):
    config = write_config(tmp_path, BASE + "[model]\n" + model + "\n")
    output = tmp_path / "out.nc"
    assert run_cli(config, "-o", output) == 2
    error = capsys.readouterr().err
    assert error.startswith("seatcast: error: ") and BAD_MODELS[model] in error
    assert error.count("\n") == 1
    assert not output.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--draws", "0"], "--draws must be at least 1"),
        (["--draws", "lots"], "--draws must be"),
        (["--threads", "0"], "--threads must be at least 1"),
        (["--chunk-size", "1.5"], "--chunk-size must be a whole number"),
        (["--seed", "-4"], "--seed must not be negative"),
        (["-o", "missing-dir/out.nc"], "output directory does not exist"),
    ],
)
def test_bad_flags_are_refused(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert run_cli(KAZAKHSTAN, *args) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[chamber]\nmajority = 70\n", "chamber.majority must be between 1 and 69"),
        ("[chamber]\nseats = 50\n", "chamber.seats is 50, fewer than the 69 allocated"),
        ("[chamber]\nheld = { Amanta = 3 }\n", "chamber.held names 'Amanta'"),
        ('[coalitions]\nbig = ["Amanat", "Nobody"]\n', "coalitions.big names 'Nobody'"),
        ("[run]\nseed = -1\n", "run.seed must not be negative"),
        ("[run]\nchunk_size = 0\n", "run.chunk_size must be at least 1"),
    ],
)
def test_bad_chamber_coalitions_and_run_sections(tmp_path, capsys, extra, message):
    config = write_config(tmp_path, KZ_TEXT + "\n" + extra)
    assert run_cli(config, "-o", tmp_path / "out.nc") == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out.nc").exists()


def test_a_config_without_a_model_says_how_to_add_one(tmp_path, capsys):
    config = write_config(tmp_path, BASE)
    assert run_cli(config, "-o", tmp_path / "out.nc") == 2
    assert "no [model] section" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("signum", "status", "words"),
    [
        (signal.SIGINT, 130, "interrupted"),
        (signal.SIGTERM, 143, "stopped by SIGTERM"),
        (signal.SIGHUP, 129, "stopped by SIGHUP"),
    ],
)
def test_interrupting_a_run_leaves_no_output(tmp_path, signum, status, words):
    """The signal comes once the run is in its chunks: when its first checkpoint is saved."""
    results, checkpoint = tmp_path / "results", tmp_path / "checkpoint"
    results.mkdir()
    command = [sys.executable, "-m", "seatcast.engine.cli", "run", str(KAZAKHSTAN)]
    command += ["-o", str(results / "out.nc"), "--checkpoint", str(checkpoint)]
    process = subprocess.Popen(
        [*command, "--draws", "1000000000", "--seed", "1", "--threads", "2"],
        stderr=subprocess.PIPE,
        text=True,
        # A test worker may run with SIGINT ignored, which a child inherits.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        while not (checkpoint / "checkpoint.npz").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the run ended before it could be interrupted"
        os.kill(process.pid, signum)
        _, error = process.communicate(timeout=60)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == status
    assert error.startswith("seatcast: ") and words in error and error.count("\n") == 1
    assert list(results.iterdir()) == []


def test_the_dask_backend_without_dask_says_how_to_install_it(tmp_path):
    """Dask is an extra: an install without it refuses --backend dask in one line, exit 2."""
    script = (
        "import sys\n"
        "sys.modules['distributed'] = None  # as on an install without seatcast[dask]\n"
        "from seatcast.engine.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    output = tmp_path / "out.nc"
    command = [sys.executable, "-c", script, "run", str(KAZAKHSTAN), "-o", str(output)]
    finished = subprocess.run(
        [*command, "--draws", "100", "--backend", "dask", "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 2
    assert finished.stderr == (
        'seatcast: error: --backend dask needs Dask: pip install "seatcast[dask]"\n'
    )
    assert finished.stdout == "" and list(tmp_path.iterdir()) == []


SWEEP_CONFIG = KAZAKHSTAN.parent / "kazakhstan-2023-threshold-sweep.toml"


def test_the_threshold_sweep_demo_runs_every_rule_on_the_same_draws(tmp_path, capsys):
    output = tmp_path / "sweep.nc"
    assert run_cli(SWEEP_CONFIG, "-o", output, "--draws", "20000") == 0
    printed = capsys.readouterr().out
    assert "median seats (90 % interval) at threshold 5 %" in printed
    assert "by threshold" in printed and "dhondt" in printed
    result = open_results(output)
    assert result["seat_count"].dims == ("threshold", "allocation", "party", "seats")
    assert result["threshold"].values[[0, -1]].tolist() == [0.03, 0.1]
    assert result.sizes["threshold"] == 29
    assert result["allocation"].values.tolist() == ["hare", "dhondt", "sainte-lague"]
    assert result.attrs["seed"] == 20230319
    assert result.attrs["sweep"].startswith("threshold 0.03 to 0.1 (29 values)")
    # One set of draws: every point counts the same draws, and passing the
    # threshold does not depend on the method.
    assert (result["seat_count"].sum("seats") == 20000).all()
    assert (result["pass_count"].diff("allocation") == 0).all()


def test_flags_sweep_a_rule_or_set_it(tmp_path):
    swept, single = tmp_path / "swept.nc", tmp_path / "single.nc"
    args = ["--draws", "5000", "--seed", "2", "--quiet"]
    assert run_cli(KAZAKHSTAN, "-o", swept, "--seats", "60:70:5", "--method", "hare", *args) == 0
    assert run_cli(KAZAKHSTAN, "-o", single, "--seats", "65", *args) == 0
    swept, single = open_results(swept), open_results(single)
    assert swept["seat_count"].dims == ("n_seats", "party", "seats")  # "hare": not a sweep
    assert swept["n_seats"].values.tolist() == [60, 65, 70]
    assert swept["chamber_majority"].values.tolist() == [31, 33, 36]
    assert "n_seats" not in single.dims and single.attrs["n_seats"] == 65
    assert np.array_equal(
        swept["seat_count"].sel(n_seats=65).isel(seats=slice(0, 66)), single["seat_count"]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--threshold", "0.03:0.10"], "--threshold: give the step of '0.03:0.10'"),
        (["--threshold", "0.10:0.03:0.01"], "--threshold: the range '0.10:0.03:0.01' ends below"),
        (["--threshold", "0.03:0.10:0.03"], "does not reach its end exactly"),
        (["--threshold", "3:10:1"], "--threshold must be a fraction in [0, 1), got 3 (write 0.03"),
        (["--threshold", "0.03:0.10:0"], "the step of '0.03:0.10:0' must be above 0"),
        (["--threshold", "0:0.9:0.00001"], "has 90,001 values; at most 10,000"),
        (["--threshold", "0.05,0.07,0.05"], "--threshold lists 0.05 twice"),
        (["--method", "hare,dhont"], "--method: unknown method 'dhont'; did you mean 'dhondt'?"),
        (["--method", "hare,Hamilton"], "--method names the method 'hare' twice"),
        (["--seats", "60:0"], "--seats: the range '60:0' ends below its start"),
        (["--seats", "0,5"], "--seats: seats must be at least 1, got 0"),
        (["--seats", "1:3000", "--threshold", "0:0.5:0.0001"], "sweep fewer values"),
    ],
)
def test_bad_sweeps_are_refused(tmp_path, capsys, args, message):
    assert run_cli(KAZAKHSTAN, "-o", tmp_path / "out.nc", *args) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('[sweep]\nthresold = "0.03:0.1:0.01"\n', "unknown key 'thresold' in [sweep]; did you"),
        ("[sweep]\nmethod = []\n", "sweep.method must list method names"),
        ("[sweep]\nthreshold = []\n", "sweep.threshold must not be an empty list"),
        ("[sweep]\nseats = true\n", "sweep.seats must be"),
        ('[sweep]\nthreshold = ["0.05", "x"]\n', "sweep.threshold must be a number, got 'x'"),
    ],
)
def test_bad_sweep_sections_are_refused(tmp_path, capsys, section, message):
    config = write_config(tmp_path, KZ_TEXT + "\n" + section)
    assert run_cli(config, "-o", tmp_path / "out.nc") == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out.nc").exists()
