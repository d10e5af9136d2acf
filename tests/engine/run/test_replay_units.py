"""Election night with a units file, on the command line: turnout, kinds, plots, warnings, errors.

Every test runs the bundled Poland 2023 config (real counts) on a short series
of its snapshots, written beside the test, with few draws.
"""

import contextlib
import csv
import io

import pytest
import xarray as xr

from seatcast.engine.cli.main import main
from tests.configs import CONFIGS, write_config

POLAND = CONFIGS / "poland-sejm-2023-election-night.toml"
INPUTS = CONFIGS / "poland-sejm-2023-election-night"
FAST = ["--draws", "2000", "--chunk-size", "1000", "--seed", "4", "--threads", "2"]
PNG = b"\x89PNG\r\n\x1a\n"

#: A rural gmina counted in full (7 of 7 precincts) from the first snapshot on.
GMINA = "280902"


def write_series(tmp_path, labels, edit=None, name="series.csv"):
    """Write the bundled snapshots called ``labels`` as a series CSV.

    Parameters
    ----------
    tmp_path : Path
    labels : list of str
        Snapshot labels of the bundled series, in its order.
    edit : callable, optional
        Called as ``edit(row)`` on every row (a dict) kept; changes it in place.
    name : str

    Returns
    -------
    Path
    """
    with open(INPUTS / "snapshots.csv", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        header, rows = reader.fieldnames, [row for row in reader if row["snapshot"] in labels]
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, header)
        writer.writeheader()
        for row in rows:
            if edit is not None:
                edit(row)
            writer.writerow(row)
    return path


def set_reported(label, precincts):
    """An ``edit`` that sets the gmina's precincts reported in snapshot ``label``."""

    def edit(row):
        if row["snapshot"] == label and row["region"] == GMINA:
            row["precincts_reported"] = str(precincts)

    return edit


def poland_config(tmp_path, *, drop=(), add=()):
    """The bundled Poland config, written to ``tmp_path`` with its paths made absolute.

    Parameters
    ----------
    drop : sequence of str
        Lines to leave out, by their start (``"units ="``).
    add : sequence of str
        Lines to add at the end of ``[nowcast]``.
    """
    text = POLAND.read_text(encoding="utf-8").replace(
        '"poland-sejm-2023-election-night/', f'"{INPUTS.as_posix()}/'
    )
    lines = [line for line in text.splitlines() if not line.startswith(tuple(drop))]
    at = lines.index("[coalitions]")
    lines[at:at] = [*add, ""]
    return write_config(tmp_path, "\n".join(lines) + "\n", "poland.toml")


def error_lines(capsys):
    """The lines printed on stderr."""
    return capsys.readouterr().err.splitlines()


#: The correction that the series of the module's replay makes in its second snapshot.
CORRECTION = f"snapshot '10%': unit '{GMINA}' precincts reported went down from 7 to 5"


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    """Three snapshots; in the second, the gmina's precincts reported go down from 7 to 5."""
    folder = tmp_path_factory.mktemp("series")
    return write_series(folder, ["05%", "10%", "50%"], edit=set_reported("10%", 5))


@pytest.fixture(scope="module")
def replayed(series):
    """The replay of ``series``: its netCDF, PNG and printed summary."""
    output, plot = series.parent / "replay.nc", series.parent / "replay.png"
    args = ["replay", str(POLAND), str(series), "-o", str(output), "--plot", str(plot), *FAST]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(args) == 0
    return output, plot, out.getvalue()


def test_replay_stacks_turnout_and_counted_by_kind(replayed):
    output, _, _ = replayed
    with xr.open_dataset(output, engine="h5netcdf") as result:
        by_kind = result["kind_counted_fraction"]
        assert by_kind.dims == ("snapshot", "kind")
        assert result["kind"].values.tolist() == ["abroad", "city", "rural"]  # units file order
        assert result["snapshot"].values.tolist() == ["05%", "10%", "50%"]
        first, last = (by_kind.sel(snapshot=label) for label in ("05%", "50%"))
        assert float(first.sel(kind="city")) == 0.0 and float(first.sel(kind="abroad")) == 0.0
        assert 0 < float(first.sel(kind="rural")) < float(last.sel(kind="rural")) <= 1
        turnout = result["projected_turnout"]
        assert turnout.dims == ("snapshot",) and "projected_turnout" in result.coords
        assert ((turnout > 0.6) & (turnout < 0.85)).all()
        assert "registered" in turnout.attrs["long_name"]
        assert "projected_turnout" not in result.attrs


def test_replay_records_the_correction_and_the_units_never_seen(replayed):
    output, _, _ = replayed
    with xr.open_dataset(output, engine="h5netcdf") as result:
        warnings = result.attrs["warnings"].splitlines()
    assert len(warnings) == 2
    assert warnings[0].startswith(CORRECTION)
    assert "unit(s) never reported: " in warnings[1]


def test_replay_prints_turnout_kinds_and_warnings_last(replayed):
    _, _, out = replayed
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("snapshot "))
    assert "counted" in header and "turnout" in header
    kinds = next(line for line in lines if line.startswith("counted by kind"))
    assert kinds.split()[3:] == ["abroad", "city", "rural"]
    warnings = lines.index("warnings (2):")
    assert warnings > lines.index(kinds)
    assert lines[warnings + 1].startswith(f"  {CORRECTION}")
    assert "never reported" in lines[warnings + 2] and lines[warnings + 3] == ""


def test_replay_plot_is_a_png(replayed):
    _, plot, _ = replayed
    assert plot.read_bytes()[:8] == PNG and plot.stat().st_size > 50_000


def test_nowcast_prints_turnout_and_counted_by_kind(series, tmp_path, capsys):
    output = tmp_path / "now.nc"
    args = ["nowcast", str(POLAND), str(series), "--snapshot", "05%", "-o", str(output), *FAST]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "% counted, projected turnout " in out
    assert "counted by kind: abroad 0.0 %, city 0.0 %, rural " in out
    # The correction comes after the chosen snapshot.
    assert "warnings" not in out
    with xr.open_dataset(output, engine="h5netcdf") as result:
        assert 0.6 < result.attrs["projected_turnout"] < 0.85
        assert result["kind_counted_fraction"].dims == ("kind",)
        assert result.attrs["warnings"] == ""


def test_nowcast_warns_of_corrections_up_to_its_snapshot(series, tmp_path, capsys):
    output = tmp_path / "now.nc"
    assert main(["nowcast", str(POLAND), str(series), "-o", str(output), *FAST]) == 0
    out = capsys.readouterr().out
    assert "snapshot 50% at 2023-10-16 03:00" in out
    assert f"warnings (1):\n  {CORRECTION} (a correction)\n" in out
    with xr.open_dataset(output, engine="h5netcdf") as result:
        assert result.attrs["warnings"] == f"{CORRECTION} (a correction)"


def region_not_a_unit(row):
    if row["region"] == GMINA:
        row["region"] = "289999"


@pytest.mark.parametrize("command", ["replay", "nowcast"])
@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (region_not_a_unit, "region '289999' is not in the units file"),
        (set_reported("05%", 8), f"unit '{GMINA}' reports 8 precincts, more than its"),
    ],
    ids=["unknown-region", "too-many-precincts"],
)
def test_a_bad_snapshot_exits_2_and_writes_nothing(
    tmp_path, capsys, monkeypatch, command, edit, message
):
    series = write_series(tmp_path, ["05%"], edit=edit)
    monkeypatch.chdir(tmp_path)
    args = [command, str(POLAND), str(series), "-o", "out.nc", *FAST]
    assert main(args + (["--plot", "out.png"] if command == "replay" else [])) == 2
    (line,) = error_lines(capsys)
    assert line.startswith("seatcast: error: snapshot '05%': ") and message in line
    assert sorted(path.name for path in tmp_path.iterdir()) == ["series.csv"]


@pytest.mark.parametrize(
    ("drop", "add", "message"),
    [
        ((), ['previous_parties = { Nope = ["PSL"] }'], "previous_parties: 'Nope' is not a party"),
        ((), ['previous_parties = { TD = ["PSLL"] }'], "previous_parties.TD: 'PSLL' is not a"),
        (("units =",), (), "[districts] with [nowcast] needs nowcast.units"),
    ],
    ids=["unknown-party", "unknown-previous-party", "districts-without-units"],
)
def test_a_bad_config_exits_2_and_writes_nothing(tmp_path, capsys, monkeypatch, drop, add, message):
    config = poland_config(tmp_path, drop=drop, add=add)
    series = write_series(tmp_path, ["05%"])
    monkeypatch.chdir(tmp_path)
    args = ["replay", str(config), str(series), "-o", "out.nc", "--plot", "out.png", *FAST]
    assert main(args) == 2
    (line,) = error_lines(capsys)
    assert line.startswith("seatcast: error: ") and message in line
    assert sorted(path.name for path in tmp_path.iterdir()) == ["poland.toml", "series.csv"]
