"""The draws model: a user's netCDF draws, reordered by name and used as they are."""

import numpy as np
import pytest
import xarray as xr

from seatcast.engine.cli.main import main
from seatcast.engine.results.files import open_results
from seatcast.models.components import component_names
from tests.configs import KAZAKHSTAN, config_with, write_config

TEXT = KAZAKHSTAN.read_text(encoding="utf-8")
BASE = TEXT[: TEXT.index("[model]")]
BALLOTS = config_with().ballots
NAMES = list(component_names(BALLOTS))  # the 7 parties, then "Against all"
OFFICIAL = np.array(BALLOTS.votes + BALLOTS.other_votes, dtype=np.float64)


def posterior(shares, names=NAMES):
    """An ArviZ-style posterior: (chain, draw, party), parties in reverse order."""
    order = list(reversed(range(len(names))))
    return xr.Dataset(
        {"shares": (("chain", "draw", "party"), shares[..., order])},
        coords={"party": [names[i] for i in order]},
    )


def run_draws(tmp_path, dataset, extra="", args=()):
    dataset.to_netcdf(tmp_path / "draws.nc", engine="h5netcdf", group=extra or None)
    group = f'group = "{extra}"\n' if extra else ""
    config = write_config(tmp_path, BASE + f'[model]\nkind = "draws"\npath = "draws.nc"\n{group}')
    output = tmp_path / "out.nc"
    status = main(["run", str(config), "-o", str(output), "--quiet", *args])
    return status, output


def test_draws_are_used_as_they_are(tmp_path):
    # Chain 0: the official result; chain 1: JSDP falls under 5 %, its seats go elsewhere.
    low_jsdp = OFFICIAL.copy()
    low_jsdp[5] = 0.045 / 0.955 * (OFFICIAL.sum() - OFFICIAL[5])  # 4.5 % of all ballots
    shares = np.stack([np.tile(OFFICIAL, (3, 1)), np.tile(low_jsdp, (3, 1))])
    status, output = run_draws(tmp_path, posterior(shares))
    assert status == 0
    result = open_results(output)
    assert int(result["draws"]) == 6  # every draw in the file by default
    assert int(result["seat_count"].sel(party="Amanat", seats=40)) == 3
    assert int(result["seat_count"].sel(party="JSDP", seats=4)) == 3
    assert int(result["seat_count"].sel(party="JSDP", seats=0)) == 3
    assert int(result["pass_count"].sel(party="JSDP")) == 3


def test_posterior_group_is_found_and_draws_can_be_capped(tmp_path):
    shares = np.tile(OFFICIAL, (2, 5, 1))
    status, output = run_draws(
        tmp_path, posterior(shares), extra="posterior", args=["--draws", "7"]
    )
    assert status == 0 and int(open_results(output)["draws"]) == 7


@pytest.mark.parametrize(
    ("dataset", "args", "message"),
    [
        (posterior(np.ones((1, 4, 7)), NAMES[:7]), (), "no draws for 'Against all'"),
        (posterior(np.ones((1, 4, 9)), [*NAMES, "Extra"]), (), "'Extra', not in the config"),
        (posterior(-np.ones((1, 4, 8))), (), "must be a non-negative number"),
        (posterior(np.zeros((1, 4, 8))), (), "draw 0 has no votes for anyone"),
        (posterior(np.ones((1, 4, 8))), ("--draws", "5"), "the draws file holds only 4"),
        (
            xr.Dataset({"a": ("party", np.ones(8)), "b": ("party", np.ones(8))}),
            (),
            "one variable with a 'party' dim",
        ),
    ],
)
def test_bad_draws_files_are_refused(tmp_path, capsys, dataset, args, message):
    status, output = run_draws(tmp_path, dataset, args=args)
    assert status == 2
    assert message in capsys.readouterr().err
    assert not output.exists()


def test_a_changed_draws_file_is_not_mistaken_for_the_same_run(tmp_path, capsys):
    shares = np.stack([np.tile(OFFICIAL, (3, 1))])
    checkpoint = ["--checkpoint", str(tmp_path / "checkpoint")]
    status, output = run_draws(tmp_path, posterior(shares), args=checkpoint)
    assert status == 0
    first = open_results(output).attrs["model"]
    assert first.startswith("draws from ") and "(sha256 " in first
    changed = shares.copy()
    changed[0, 0, 0] += 1  # one more vote for Amanat in one draw, at the same path
    status, _ = run_draws(tmp_path, posterior(changed), args=checkpoint)
    assert status == 2
    assert "is from another run (its model differs)" in capsys.readouterr().err
