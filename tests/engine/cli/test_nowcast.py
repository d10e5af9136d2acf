"""`seatcast nowcast` and `seatcast replay` on the command line: files, summaries, plots, errors."""

import pytest
import xarray as xr

from seatcast.engine.cli.main import main
from tests.configs import CONFIGS, write_config

NIGHT = CONFIGS / "kazakhstan-2023-election-night.toml"
FAST = ["--draws", "2000", "--chunk-size", "1000", "--seed", "4", "--threads", "2"]


def test_nowcast_prints_ranges_and_projected_shares(tmp_path, capsys):
    output = tmp_path / "now.nc"
    assert main(["nowcast", str(NIGHT), "--snapshot", "05", "-o", str(output), *FAST]) == 0
    out = capsys.readouterr().out
    assert "snapshot 05 at 2023-03-20 01:00:" in out and "% counted" in out
    assert "projected share" in out and "Against all" in out
    with xr.open_dataset(output, engine="h5netcdf") as result:
        assert result.attrs["snapshot"] == "05"
        assert result["share_quantile"].dims == ("quantile", "component")
        assert int(result["draws"]) == 2000


def test_nowcast_takes_the_last_snapshot_of_a_file(tmp_path, capsys):
    output = tmp_path / "now.nc"
    snapshots = NIGHT.parent / "kazakhstan-2023-election-night" / "snapshots.csv"
    assert main(["nowcast", str(NIGHT), str(snapshots), "-o", str(output), *FAST]) == 0
    assert "snapshot 10 at 2023-03-20 10:00: 100.0 % counted" in capsys.readouterr().out


def test_replay_writes_a_snapshot_dimension_and_a_plot(tmp_path, capsys):
    output, plot = tmp_path / "replay.nc", tmp_path / "replay.png"
    assert main(["replay", str(NIGHT), "-o", str(output), "--plot", str(plot), *FAST]) == 0
    out = capsys.readouterr().out
    assert "median seats (90 % interval) by snapshot" in out
    assert out.count("2023-03-") == 10
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and plot.stat().st_size > 20_000
    with xr.open_dataset(output, engine="h5netcdf") as result:
        assert result.sizes["snapshot"] == 10
        assert result["counted_fraction"].values[-1] == 1.0
    # report reads a replay back
    assert main(["report", str(output)]) == 0
    assert "median seats (90 % interval) by snapshot" in capsys.readouterr().out


def test_a_nowcast_links_the_tiers_with_held_seats(tmp_path, capsys):
    # Under mmp the 22 held seats are part of Amanat's entitlement of 40.
    text = NIGHT.read_text(encoding="utf-8").replace(
        '"kazakhstan-2023-election-night/', f'"{NIGHT.parent}/kazakhstan-2023-election-night/'
    )
    text += '\n[chamber]\nlinkage = "mmp"\nheld = { Amanat = 22 }\n'
    output = tmp_path / "now.nc"
    assert main(["nowcast", str(write_config(tmp_path, text)), "-o", str(output), *FAST]) == 0
    assert "linkage mmp" in capsys.readouterr().out
    with xr.open_dataset(output, engine="h5netcdf") as result:
        listed = result["tier_seat_count"].sel(party="Amanat", tier="allocated", seats=18)
        assert int(listed) == 2000
        assert int(result["seat_count"].sel(party="Amanat", seats=40)) == 2000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowcast", str(CONFIGS / "kazakhstan-2023.toml")], "no [nowcast] section"),
        (["nowcast", str(NIGHT), "--snapshot", "99"], "--snapshot '99' is not in the series"),
        (["nowcast", str(NIGHT), "missing.csv"], "snapshot file not found"),
        (["replay", str(NIGHT), "--draws", "0"], "--draws must be at least 1"),
        (["run", str(NIGHT)], "seatcast nowcast or seatcast replay"),
    ],
)
def test_mistakes_exit_2_and_write_nothing(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main([*args, "--seed", "1"]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_bad_snapshot_names_its_line(tmp_path, capsys):
    snapshots = write_config(
        tmp_path,
        "region,precincts_reported,precincts_total,Amanat,Auyl,Respublica,Ak Zhol,"
        "People's Party of Kazakhstan,JSDP,Baytaq,Against all\nAstana,1,10,5,5,5,5,5,5,x,0\n",
        "bad.csv",
    )
    output = tmp_path / "out.nc"
    assert main(["nowcast", str(NIGHT), str(snapshots), "-o", str(output), *FAST]) == 2
    assert "bad.csv, line 2, 'Baytaq' must be a number" in capsys.readouterr().err
    assert not output.exists()
