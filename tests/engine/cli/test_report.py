"""`seatcast report`: the summary of a result file and its PNG figure."""

import re

import pytest

from seatcast.engine.cli.main import main
from seatcast.engine.results.files import write_results
from seatcast.engine.run.simulate import simulate
from tests.configs import CONFIGS, KAZAKHSTAN, config_with, write_config

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def result_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "kz.nc"
    text = (
        KAZAKHSTAN.read_text(encoding="utf-8")
        + '\n[coalitions]\n"Auyl + JSDP" = ["Auyl", "JSDP"]\n'
    )
    config = write_config(path.parent, text)
    assert (
        main(["run", str(config), "-o", str(path), "--draws", "40000", "--seed", "5", "--quiet"])
        == 0
    )
    return path


def test_report_prints_ranges_and_probabilities(result_file, capsys):
    assert main(["report", str(result_file)]) == 0
    out = capsys.readouterr().out
    amanat = next(line for line in out.splitlines() if line.startswith("Amanat"))
    assert amanat.split()[1:3] == ["40", "38–43"]
    assert "Auyl + JSDP" in out and "40,000 draws, seed 5" in out
    assert "majority: 35 of 69 seats" in out


def test_report_plot_writes_a_png(result_file, tmp_path, capsys):
    png = tmp_path / "seats.png"
    assert main(["report", str(result_file), "--plot", str(png)]) == 0
    data = png.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 20_000
    assert list(tmp_path.iterdir()) == [png]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.nc", "result file not found"),
        (lambda d: _write(d / "text.nc", b"not netcdf"), "is not a netCDF file"),
    ],
)
def test_bad_result_files_are_refused(tmp_path, capsys, setup, message):
    assert main(["report", str(setup(tmp_path))]) == 2
    assert message in capsys.readouterr().err


def test_plot_into_a_missing_directory_is_refused_before_anything(result_file, tmp_path, capsys):
    assert main(["report", str(result_file), "--plot", str(tmp_path / "no" / "x.png")]) == 2
    err = capsys.readouterr()
    assert "output directory does not exist" in err.err and err.out == ""


def _write(path, data):
    path.write_bytes(data)
    return path


def test_report_of_a_sweep_prints_tables_and_plots_the_curves(tmp_path, capsys):
    result = tmp_path / "sweep.nc"
    args = ["--draws", "20000", "--seed", "4", "--quiet"]
    command = ["run", str(KAZAKHSTAN), "-o", str(result), *args]
    assert main([*command, "--threshold", "0.03:0.10:0.005", "--method", "hare,dhondt"]) == 0
    png = tmp_path / "sweep.png"
    assert main(["report", str(result), "--plot", str(png)]) == 0
    out = capsys.readouterr().out
    assert "median seats (90 % interval) at threshold 5 %" in out
    assert "median seats (P(clears)) by threshold, hare" in out
    seven = next(line for line in out.splitlines() if line.startswith("7 %"))
    assert seven.split()[2] == "45"  # Amanat's median at 7 %, four or five parties in
    data = png.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 50_000


def test_report_plots_a_method_only_and_a_seats_sweep(tmp_path, capsys):
    for flag, values in (("--method", "hare,dhondt,sainte-lague"), ("--seats", "60:80:2")):
        result, png = tmp_path / f"{flag[2:]}.nc", tmp_path / f"{flag[2:]}.png"
        command = ["run", str(KAZAKHSTAN), "-o", str(result), "--draws", "5000", "--quiet"]
        assert main([*command, flag, values]) == 0
        assert main(["report", str(result), "--plot", str(png)]) == 0
        assert png.read_bytes().startswith(PNG_SIGNATURE)
    out = capsys.readouterr().out
    assert "median seats by seats, hare, threshold 5 %" not in out  # nothing to fix but seats
    assert "median seats by seats" in out


def test_report_of_districts_gives_expected_seats_by_district(tmp_path, capsys):
    config = config_with(
        CONFIGS / "czechia-2017.toml",
        model={"kind": "logit-normal", "sd": 0.0, "district_sd": 0.0},
    )
    path = tmp_path / "cz.nc"
    write_results(simulate(config, n_draws=100, seed=1, chunk_size=100, threads=1), path)
    assert main(["report", str(path)]) == 0
    table = capsys.readouterr().out.split("expected seats by district:\n")[1].split("\n\n")[0]
    header, _, *rows = table.splitlines()
    parties = re.split(r"\s{2,}", header)[2:]
    assert parties == ["ODS", "ČSSD", "STAN", "KSČM", "Piráti", "TOP 09", "ANO", "KDU-ČSL", "SPD"]
    official = config.system.allocate(config.ballots).district_seats.by_district(
        config.ballots.parties
    )
    assert len(rows) == 14
    for row in rows:
        district, seats, *cells = re.split(r"\s{2,}", row)
        expected = [f"{official[district][party]:.1f}" for party in parties]
        assert (cells, int(seats)) == (expected, sum(official[district].values())), district
