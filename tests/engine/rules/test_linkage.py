"""Linkage of the tiers: parallel sums and mixed-member proportional with overhang, exactly."""

from fractions import Fraction

import pytest

from seatcast.engine.config.reader import load_config
from seatcast.engine.errors import ConfigError
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.rules.chamber import build_chamber
from seatcast.engine.rules.linkage import LINKAGES, allocate_chamber, get_linkage
from seatcast.engine.rules.methods import get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy
from tests.configs import CONFIGS, write_config, write_file

VOTES = {"A": 5000, "B": 3000, "C": 1500, "D": 400, "E": 100}


def chamber_seats(linkage, held, n_seats=20, votes=VOTES, alternative=1):
    ballots = ballots_from_counts(votes)
    won = {name: count for name, count in held.items() if name in votes}
    threshold = Threshold(Fraction(1, 20), alternative=alternative, elsewhere=won)
    system = ElectionSystem(n_seats, get_method("sainte-lague"), threshold, TiePolicy("error"))
    chamber = build_chamber(n_seats, ballots.parties, held=held, linkage=linkage)
    return allocate_chamber(system, ballots, chamber), chamber


def by_name(seats, field):
    return dict(zip(seats.names, getattr(seats, field), strict=True))


def test_parallel_tiers_add_up():
    seats, chamber = chamber_seats("parallel", {"A": 6, "Independent": 1})
    # Sainte-Laguë of 20 among A, B and C (D has 4 %, E 1 %): 11, 6, 3.
    assert by_name(seats, "list_seats") == {
        "A": 11, "B": 6, "C": 3, "D": 0, "E": 0, "Independent": 0
    }  # fmt: skip
    assert by_name(seats, "total")["A"] == 17
    assert by_name(seats, "total")["Independent"] == 1
    assert seats.size == chamber.seats == 27
    assert seats.overhang == 0


def test_mmp_list_seats_top_up_the_constituencies():
    seats, _ = chamber_seats("mmp", {"A": 6, "B": 2})
    assert by_name(seats, "total") == {"A": 11, "B": 6, "C": 3, "D": 0, "E": 0}
    assert by_name(seats, "list_seats") == {"A": 5, "B": 4, "C": 3, "D": 0, "E": 0}
    assert (seats.size, seats.overhang) == (20, 0)


def test_mmp_overhang_grows_the_house():
    # A's 13 constituencies exceed its entitlement of 11: it keeps them all.
    seats, chamber = chamber_seats("mmp", {"A": 13, "B": 1})
    assert by_name(seats, "total") == {"A": 13, "B": 6, "C": 3, "D": 0, "E": 0}
    assert by_name(seats, "list_seats")["A"] == 0
    assert (seats.size, seats.overhang) == (22, 2)
    assert chamber.resized(seats.overhang).majority == 12


def test_mmp_a_small_party_with_a_constituency_passes_and_may_overhang():
    # E (1 %) passes by its constituency; its entitlement is 0 of 20, so it overhangs.
    seats, _ = chamber_seats("mmp", {"A": 5, "E": 1})
    assert seats.allocation.eligible == (True, True, True, False, True)
    assert by_name(seats, "total")["E"] == 1
    assert seats.overhang == 1


def test_mmp_seats_outside_the_list_allocation_shrink_it():
    # An independent's seat is one of the 20: the parties share 19 (A 10, B 6, C 3).
    seats, _ = chamber_seats("mmp", {"A": 6, "Independent": 1})
    assert seats.allocation.seats == (10, 6, 3, 0, 0)
    assert by_name(seats, "total")["Independent"] == 1
    assert (seats.size, seats.overhang) == (20, 0)


def test_every_linkage_is_reachable_by_name_and_a_typo_gets_a_hint():
    for name in LINKAGES:
        assert get_linkage(name).name == name
    with pytest.raises(ConfigError, match="did you mean 'mmp'"):
        get_linkage("mpp")


def test_mmp_capped_seats_constituency_winners_up_to_the_entitlement():
    # A won 13 constituencies on an entitlement of 11: 2 winners are not seated.
    seats, _ = chamber_seats("mmp-capped", {"A": 13, "B": 2})
    assert by_name(seats, "total") == {"A": 11, "B": 6, "C": 3, "D": 0, "E": 0}
    assert by_name(seats, "constituency_seats") == {"A": 11, "B": 2, "C": 0, "D": 0, "E": 0}
    assert by_name(seats, "unseated")["A"] == 2
    assert (seats.size, seats.overhang) == (20, 0)


def test_mmp_capped_keeps_independents_only():
    seats, _ = chamber_seats("mmp-capped", {"A": 6, "E": 1, "Independent": 1})
    assert seats.allocation.seats == (10, 6, 3, 0, 0)  # 19 for the parties
    assert by_name(seats, "total")["Independent"] == 1
    assert by_name(seats, "total")["E"] == 0  # passes by its seat, but its entitlement is 0
    assert by_name(seats, "unseated")["E"] == 1


def test_leveling_sets_aside_a_party_over_its_entitlement():
    # A's 13 fixed seats exceed its entitlement of 11: it keeps them and is set
    # aside; B and C share the other 7 afresh (5 and 2).
    seats, _ = chamber_seats("leveling", {"A": 13, "B": 2})
    assert by_name(seats, "total") == {"A": 13, "B": 5, "C": 2, "D": 0, "E": 0}
    assert by_name(seats, "list_seats") == {"A": 0, "B": 3, "C": 2, "D": 0, "E": 0}
    assert (seats.size, seats.overhang) == (20, 0)


def test_leveling_without_a_party_over_its_entitlement_is_the_national_split():
    seats, _ = chamber_seats("leveling", {"A": 8, "B": 4, "C": 1})
    assert by_name(seats, "total") == {"A": 11, "B": 6, "C": 3, "D": 0, "E": 0}
    assert by_name(seats, "list_seats") == {"A": 3, "B": 2, "C": 2, "D": 0, "E": 0}


def test_a_linkage_inside_the_house_refuses_districts():
    config = load_config(CONFIGS / "poland-sejm-2019.toml")
    chamber = build_chamber(460, config.ballots.parties, held={"PiS": 1}, linkage="mmp")
    with pytest.raises(ConfigError, match="goes with one national list"):
        allocate_chamber(config.system, config.ballots, chamber)


def test_leveling_returned_caps_a_party_and_keeps_a_small_partys_seat():
    # A returns 2 of its 13 fixed seats; D (4 %, under 5 %) keeps its fixed
    # seat, and the parties that passed share 19.
    seats, _ = chamber_seats("leveling-returned", {"A": 13, "B": 2, "D": 1}, alternative=0)
    assert seats.allocation.seats == (10, 6, 3, 0, 0)
    assert by_name(seats, "total") == {"A": 10, "B": 6, "C": 3, "D": 1, "E": 0}
    assert by_name(seats, "unseated") == {"A": 3, "B": 0, "C": 0, "D": 0, "E": 0}
    assert (seats.size, seats.overhang) == (20, 0)


AMS_REGIONS = """district,seats,party,votes
North,3,A,6400
North,3,B,3000
North,3,C,2000
South,2,A,2000
South,2,B,5000
South,2,C,1000
"""

AMS_CONFIG = """[rules]
seats = 5
method = "dhondt"

[districts]
file = "regions.csv"

[chamber]
linkage = "ams"
held_by_district = { North = { A = 3 }, South = { B = 2 } }
"""


def test_ams_regions_count_their_constituency_seats_first(tmp_path):
    # North: A's divisor starts at 4 (6400/4 = 1600), B's and C's at 1: B 3000,
    # C 2000, then A 1600 over B's 1500.  South: A 2000, then B 5000/3 = 1667.
    write_file(tmp_path / "regions.csv", AMS_REGIONS)
    config = load_config(write_config(tmp_path, AMS_CONFIG))
    seats = allocate_chamber(config.system, config.ballots, config.chamber)
    assert seats.allocation.district_seats.seats == ((1, 1, 1), (1, 1, 0))
    assert by_name(seats, "list_seats") == {"A": 2, "B": 2, "C": 1}
    assert by_name(seats, "total") == {"A": 5, "B": 4, "C": 1}
    assert (seats.size, seats.overhang) == (10, 0)
    assert config.chamber.held == {"A": 3, "B": 2}


def test_ams_needs_regions_and_its_seats_region_by_region():
    with pytest.raises(ConfigError, match="needs \\[districts\\]"):
        build_chamber(20, ("A", "B"), held={"A": 1}, linkage="ams")
    with pytest.raises(ConfigError, match=r"give chamber\.held_by_district"):
        build_chamber(20, ("A", "B"), held={"A": 1}, linkage="ams", districts=("North",))


def test_held_by_district_names_the_config_s_districts(tmp_path):
    write_file(tmp_path / "regions.csv", AMS_REGIONS)
    text = AMS_CONFIG.replace("South = {", "Sotuh = {")
    with pytest.raises(ConfigError, match="'Sotuh' is not a district of the config"):
        load_config(write_config(tmp_path, text))
