"""No output of a command may replace one of its inputs, nor another of its outputs."""

import os
import shutil

import pytest

from seatcast.engine.cli.main import main
from seatcast.engine.errors import ConfigError
from seatcast.engine.input_files import claim_output, command_files, note_input
from tests.configs import CONFIGS, KAZAKHSTAN

NIGHT = CONFIGS / "kazakhstan-2023-election-night.toml"
POLAND = CONFIGS / "poland-sejm-2019.toml"


@pytest.fixture
def copied(tmp_path):
    """Demo configs with the files they name (districts, snapshots) in a fresh folder."""
    for name in (KAZAKHSTAN.name, NIGHT.name, POLAND.name, "poland-sejm-2019-districts.csv"):
        shutil.copy(CONFIGS / name, tmp_path / name)
    shutil.copytree(CONFIGS / NIGHT.stem, tmp_path / NIGHT.stem)
    return tmp_path


def _contents(folder):
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_an_output_may_not_be_an_input_by_any_name(tmp_path):
    source = tmp_path / "votes.csv"
    source.write_text("party,votes\n")
    (tmp_path / "link.csv").symlink_to(source)
    os.link(source, tmp_path / "hard.csv")
    with command_files():
        note_input(source)
        for alias in (
            source,
            tmp_path / "link.csv",
            tmp_path / "hard.csv",
            tmp_path / "." / "votes.csv",
        ):
            with pytest.raises(ConfigError, match="is an input of this command"):
                claim_output(alias, "-o")
        claim_output(tmp_path / "out.nc", "-o")
        with pytest.raises(ConfigError, match="both name"):
            claim_output(tmp_path / "out.nc", "--plot")


def test_outside_a_command_nothing_is_recorded(tmp_path):
    note_input(tmp_path / "a.csv")
    claim_output(tmp_path / "a.csv", "-o")  # no command: a library call may write anywhere


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "{kz}", "-o", "{kz}"], "is an input of this command"),
        (["run", "{poland}", "-o", "{districts}"], "is an input of this command"),
        (["nowcast", "{night}", "-o", "{night}"], "is an input of this command"),
        (["nowcast", "{night}", "-o", "{series}"], "is an input of this command"),
        (["replay", "{night}", "-o", "{series}"], "is an input of this command"),
        (["replay", "{night}", "--plot", "{night}"], "is an input of this command"),
        (["replay", "{night}", "-o", "{dir}/r.png", "--plot", "{dir}/r.png"], "both name"),
        (["replay", "{night}", "--plot", "{dir}/r.pdf"], "give a name ending in .png"),
        (["replay", "{night}", "--plot", ""], "--plot is empty"),
        (["run", "{kz}", "-o", ""], "-o is empty"),
        (["run", "{kz}", "-o", "{dir}/missing/"], "names a folder that does not exist"),
        (["run", "{kz}", "-o", "{dir}/missing/out.nc"], "output directory does not exist"),
    ],
)
def test_commands_refuse_outputs_that_would_destroy_inputs(copied, capsys, args, message):
    names = {
        "kz": copied / KAZAKHSTAN.name,
        "poland": copied / POLAND.name,
        "districts": copied / "poland-sejm-2019-districts.csv",
        "night": copied / NIGHT.name,
        "series": copied / NIGHT.stem / "snapshots.csv",
        "dir": copied,
    }
    before = _contents(copied)
    argv = [arg.format(**names) for arg in args] + ["--draws", "1000", "--quiet"]
    assert main(argv) == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1 and error.startswith("seatcast: error:")
    assert _contents(copied) == before


def test_report_refuses_to_plot_over_its_result(tmp_path, capsys):
    result = tmp_path / "kz.nc"
    assert main(["run", str(KAZAKHSTAN), "-o", str(result), "--draws", "1000", "--quiet"]) == 0
    before = result.read_bytes()
    assert main(["report", str(result), "--plot", str(result)]) == 2
    assert "is an input of this command" in capsys.readouterr().err
    assert result.read_bytes() == before
