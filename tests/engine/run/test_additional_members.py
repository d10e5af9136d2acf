"""The additional member system drawn: list seats by region, from the constituency seats."""

from pathlib import Path

import numpy as np
import pytest

from seatcast.engine import simulate
from seatcast.engine.config.reader import load_config
from seatcast.engine.errors import ConfigError
from seatcast.engine.run.plan import build_plan, chunk_generator
from seatcast.models.registry import draw_block
from tests.configs import write_config, write_file
from tests.engine.rules.test_districts import exact_district_tallies
from tests.real.test_ams_regions import PARTIES, REGIONS


def three_regions(tmp_path, sd="0.1"):
    """Scotland 2021's three regions with known list votes, as one config of 21 list seats."""
    rows = [
        f"{region},7,{party},{count}"
        for region, (votes, _, _) in REGIONS.items()
        for party, count in zip(PARTIES, votes, strict=True)
    ]
    write_file(tmp_path / "regions.csv", "\n".join(["district,seats,party,votes", *rows]) + "\n")
    held = ", ".join(
        f'"{region}" = {{ {", ".join(f"{p} = {n}" for p, n in won.items())} }}'
        for region, (_, won, _) in REGIONS.items()
    )
    text = f"""
[rules]
method = "dhondt"
threshold = 0.05

[districts]
file = "regions.csv"

[chamber]
linkage = "ams"
held_by_district = {{ {held} }}

[model]
kind = "logit-normal"
sd = {sd}
district_sd = {sd}
"""
    return load_config(write_config(tmp_path, text))


def test_the_kernel_equals_the_exact_engine_region_by_region(tmp_path):
    config = three_regions(tmp_path, sd="0.3")
    plan = build_plan(config)
    n_draws = 200
    tallies = plan.run_chunk(13, 0, chunk_size=n_draws, n_draws=n_draws)
    width = plan.n_components * plan.rules.n_districts
    draws = draw_block(plan.params, chunk_generator(13, 0), 0, n_draws, width)
    seat_count, district_sum, wins = exact_district_tallies(
        config.system,
        config.system.districts,
        draws,
        held_by_district=config.chamber.held_by_district,
    )
    assert tallies.status_count[0, 0, 0] == n_draws
    assert np.array_equal(tallies.seat_count[0, 0], seat_count)
    assert np.array_equal(tallies.district_seat_sum[0, 0], district_sum)
    assert np.array_equal(tallies.district_win_count[0, 0], wins)


def test_a_run_adds_the_constituency_seats_to_the_list_seats(tmp_path):
    config = three_regions(tmp_path, sd="1e-9")
    result = simulate(config, n_draws=300, seed=2, threads=1)
    # Official list seats of the three regions, plus the constituencies won there.
    listed = {"Con": 10, "Lab": 8, "Green": 2, "SNP": 1}
    won = {"SNP": 23, "Con": 3, "LD": 1}
    for party in PARTIES:
        total = listed.get(party, 0) + won.get(party, 0)
        assert int(result["seat_count"].sel(party=party, seats=total)) == 300, party
    assert int(result["seats_held"].sel(party="SNP")) == 23


def test_a_method_that_gives_first_seats_cannot_start_from_held_seats(tmp_path):
    config = three_regions(tmp_path)
    text = Path(config.path).read_text(encoding="utf-8").replace('"dhondt"', '"adams"')
    with pytest.raises(ConfigError, match="adams cannot count the seats held"):
        build_plan(load_config(write_config(tmp_path, text, name="adams.toml")))
