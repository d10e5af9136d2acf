"""A national remainder pool: whole quotas by district, the rest pooled; exact and kernel."""

import re

import numpy as np
import pytest

from seatcast.engine.config.reader import load_config
from seatcast.engine.errors import ConfigError
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.rules.districts import Districts
from seatcast.engine.rules.methods import get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy
from seatcast.engine.run.plan import build_plan, chunk_generator
from seatcast.models.registry import draw_block
from tests.configs import CONFIGS, write_file
from tests.engine.rules.test_districts import exact_district_tallies

CZECHIA = CONFIGS / "czechia-2021.toml"


def pooled_system(names, seats, votes, parties):
    districts = Districts(
        names=names,
        seats=seats,
        votes=votes,
        other_votes=tuple(() for _ in names),
        parties=parties,
        pool=get_method("hagenbach-bischoff"),
    )
    system = ElectionSystem(
        sum(seats), get_method("imperiali-quota"), Threshold(0), TiePolicy("error"), districts
    )
    return system, ballots_from_counts(districts.national_votes())


def test_whole_quotas_then_the_pool_then_back_to_the_districts():
    # X (4 seats): quota 1000 / 6; A 3 (remainder 100), B 1 (133 1/3), C 0 (100): full.
    # V (2 seats): quota 1000 / 4 = 250: nobody has one; both seats go to the pool.
    # Pool: A 310, B 333 1/3, C 300, D 190, E 200 over 3 (Hagenbach-Bischoff for
    # 2 seats): no whole quota; the largest remainders are B's and A's.  Their
    # largest remainders with room are in V (A 210, B 200).
    system, ballots = pooled_system(
        ("X", "V"),
        (4, 2),
        ((600, 300, 100, 0, 0), (210, 200, 200, 190, 200)),
        ("A", "B", "C", "D", "E"),
    )
    allocation = system.allocate(ballots)
    assert allocation.seats_by_party() == {"A": 4, "B": 2, "C": 0, "D": 0, "E": 0}
    assert allocation.district_seats.by_district(ballots.parties) == {
        "X": {"A": 3, "B": 1, "C": 0, "D": 0, "E": 0},
        "V": {"A": 1, "B": 1, "C": 0, "D": 0, "E": 0},
    }


def test_a_district_that_quotas_overfill_is_trimmed_at_the_smallest_remainder():
    # Y (3 seats): quota 800 / 5 = 160: A 1 (40), B 1 (90), C 2 (30); one too many:
    # C, with the smallest remainder, gives one back (its remainder is now 190).
    system, ballots = pooled_system(("Y",), (3,), ((200, 250, 350),), ("A", "B", "C"))
    assert system.allocate(ballots).seats_by_party() == {"A": 1, "B": 1, "C": 1}


def test_pooled_seats_go_back_where_there_is_room_even_past_the_largest_remainder():
    # X is full after its quotas; B's largest remainder is there (133 1/3), so
    # its pooled seat goes to V, the one district with room.
    system, ballots = pooled_system(
        ("X", "V"), (4, 1), ((600, 300, 100), (10, 180, 20)), ("A", "B", "C")
    )
    rows = system.allocate(ballots).district_seats.by_district(("A", "B", "C"))
    assert sum(rows["X"].values()) == 4 and sum(rows["V"].values()) == 1


@pytest.mark.parametrize("sd", ["0.3", "0.05"])
def test_the_kernel_equals_the_exact_engine_with_a_remainder_pool(tmp_path, sd):
    text = CZECHIA.read_text(encoding="utf-8")
    text = text.replace(
        'file = "czechia-2021-districts.csv"', f'file = "{CONFIGS / "czechia-2021-districts.csv"}"'
    )
    text = text.replace("sd = 0.05\n", f"sd = {sd}\n")
    config = load_config(write_file(tmp_path / "cz.toml", text))
    plan = build_plan(config)
    n_draws = 60
    tallies = plan.run_chunk(11, 1, chunk_size=n_draws, n_draws=3 * n_draws)
    width = plan.n_components * plan.rules.n_districts
    draws = draw_block(plan.params, chunk_generator(11, 1), n_draws, n_draws, width)
    districts = config.system.districts
    list_types = dict(zip(config.ballots.parties, config.ballots.list_types, strict=True))
    seat_count, district_sum, wins = exact_district_tallies(
        config.system, districts, draws, list_types
    )
    assert tallies.status_count[0, 0, 0] == n_draws
    assert np.array_equal(tallies.seat_count[0, 0], seat_count)
    assert np.array_equal(tallies.district_seat_sum[0, 0], district_sum)
    assert np.array_equal(tallies.district_win_count[0, 0], wins)


def test_the_pool_needs_a_quota_method_in_the_districts_and_in_the_pool(tmp_path):
    text = CZECHIA.read_text(encoding="utf-8").replace(
        'file = "czechia-2021-districts.csv"', f'file = "{CONFIGS / "czechia-2021-districts.csv"}"'
    )
    divisor = write_file(tmp_path / "a.toml", text.replace('"imperiali-quota"', '"dhondt"'))
    with pytest.raises(ConfigError, match=re.escape("method must be a quota method")):
        load_config(divisor)
    pool = write_file(
        tmp_path / "b.toml", text.replace('pool = "hagenbach-bischoff"', 'pool = "dhondt"')
    )
    with pytest.raises(ConfigError, match=re.escape("districts.pool must be a quota method")):
        load_config(pool)


def test_droop_and_divisor_methods_are_refused_for_a_pool_even_in_a_sweep(tmp_path):
    text = CZECHIA.read_text(encoding="utf-8").replace(
        'file = "czechia-2021-districts.csv"', f'file = "{CONFIGS / "czechia-2021-districts.csv"}"'
    )
    droop = write_file(
        tmp_path / "c.toml", text.replace('pool = "hagenbach-bischoff"', 'pool = "droop"')
    )
    with pytest.raises(ConfigError, match=re.escape("must be a quota method other than droop")):
        load_config(droop)
    swept = write_file(
        tmp_path / "d.toml", text + '\n[sweep]\nmethod = ["imperiali-quota", "dhondt"]\n'
    )
    with pytest.raises(ConfigError, match=re.escape("got 'dhondt'")):
        build_plan(load_config(swept))
