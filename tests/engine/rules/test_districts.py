"""Districts: the file format, exact allocation district by district, and the kernel against it."""

import json
import math
from fractions import Fraction

import numpy as np
import pytest

from seatcast.engine.cli.main import main
from seatcast.engine.config.reader import load_config
from seatcast.engine.errors import AllocationError, ConfigError
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.rules.districts import Districts, read_districts_csv
from seatcast.engine.rules.methods import get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy
from seatcast.engine.run.chunk import cumulate_points
from seatcast.engine.run.plan import build_plan, chunk_generator
from seatcast.models.registry import draw_block
from tests.configs import CONFIGS, write_file

POLAND = CONFIGS / "poland-sejm-2019.toml"

SMALL = """district,seats,party,votes,kind
North,5,A,5000,party
North,5,B,3000,party
North,5,C,400,party
North,5,Blank,600,other
South,3,A,2000,party
South,3,B,2500,party
South,3,D,900,party
"""


def write(tmp_path, text, name="districts.csv"):
    return write_file(tmp_path / name, text)


def test_a_districts_file_gives_counts_by_district_and_national_sums(tmp_path):
    districts = read_districts_csv(write(tmp_path, SMALL))
    assert districts.names == ("North", "South")
    assert districts.seats == (5, 3)
    assert districts.parties == ("A", "B", "C", "D")
    assert districts.others == ("Blank",)
    assert districts.votes == ((5000, 3000, 400, 0), (2000, 2500, 0, 900))
    assert districts.national_votes() == {"A": 7000, "B": 5500, "C": 400, "D": 900}
    assert districts.national_other_votes() == {"Blank": 600}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("district,party,votes\nN,A,1\n", "missing column(s) seats"),
        ("district,seats,party,votes,extra\nN,1,A,1,x\n", "unknown column(s) extra"),
        ("district,seats,party,votes\nN,2,A,1\nN,3,B,1\n", "has 3 seats here but 2"),
        ("district,seats,party,votes\nN,2,A,1\nN,2,A,4\n", "'A' is listed twice in district 'N'"),
        ("district,seats,party,votes\nN,0,A,1\n", "seats must be at least 1"),
        ("district,seats,party,votes\nN,2,A,-5\n", "line 2: votes"),
        ("district,seats,party,votes,kind\nN,2,A,5,blank\n", "kind must be party or other"),
        ("district,seats,party,votes\n,2,A,5\n", "district name is empty"),
        ("district,seats,party,votes\n", "has no rows, only a header"),
    ],
)
def test_a_bad_districts_file_is_refused_with_the_line_named(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_districts_csv(write(tmp_path, text))


def dhondt(threshold=Fraction(0), districts=None, **threshold_keys):
    return ElectionSystem(
        districts.n_seats,
        get_method("dhondt"),
        Threshold(threshold, **threshold_keys),
        TiePolicy("error"),
        districts,
    )


def test_each_district_is_allocated_on_its_own_votes_and_the_nation_sums_them(tmp_path):
    config = load_config(_config(tmp_path, SMALL, 'method = "dhondt"'))
    allocation = config.system.allocate(config.ballots)
    # North: A 5000, B 3000, C 400 -> A 3, B 2.  South: A 2000, B 2500, D 900 -> B 2, A 1.
    assert allocation.district_seats.by_district(allocation.parties) == {
        "North": {"A": 3, "B": 2, "C": 0, "D": 0},
        "South": {"A": 1, "B": 2, "C": 0, "D": 0},
    }
    assert allocation.seats == (4, 4, 0, 0)


def test_the_district_threshold_is_a_share_of_the_district_base(tmp_path):
    # South's D has 900 of 5400 = 16.7 %: the fifth seat by D'Hondt, unless a 17 % bar keeps it out.
    text = SMALL.replace("South,3,", "South,5,")
    path = _config(tmp_path, text, 'method = "dhondt"', "[districts]\nthreshold = 0.17")
    allocation = load_config(path).system.allocate(load_config(path).ballots)
    south = allocation.district_seats.by_district(allocation.parties)["South"]
    assert south["D"] == 0
    loose = _config(tmp_path, text, 'method = "dhondt"', "[districts]\nthreshold = 0.16")
    config = load_config(loose)
    assert config.system.allocate(config.ballots).district_seats.seats[1][3] == 1


def test_a_national_threshold_is_judged_on_the_national_sums(tmp_path):
    # C has 400 of 13,800 party votes (2.9 %): out at 3 % everywhere, though 4.8 % in North.
    config = load_config(_config(tmp_path, SMALL, 'method = "dhondt"\nthreshold = 0.03'))
    allocation = config.system.allocate(config.ballots)
    assert allocation.eligible == (True, True, False, True)


def test_no_party_taking_part_in_a_district_is_a_clear_error():
    # B (5 of 15 votes) misses the 50 % bar, and it is the only list in South.
    districts = Districts(("North", "South"), (2, 1), ((10, 0), (0, 5)), ((), ()), ("A", "B"))
    system = dhondt(Fraction(1, 2), districts)
    ballots = ballots_from_counts(districts.national_votes())
    with pytest.raises(AllocationError, match="district 'South'"):
        system.allocate(ballots)


def _config(tmp_path, districts_text, rules, extra=""):
    write(tmp_path, districts_text)
    path = tmp_path / "config.toml"
    districts = "[districts]\nfile = 'districts.csv'\n"
    if extra.startswith("[districts]"):
        districts += extra.removeprefix("[districts]\n") + "\n"
        extra = ""
    path.write_text(f"[rules]\n{rules}\n{districts}{extra}\n", encoding="utf-8")
    return path


def test_poland_2019_reproduces_the_official_seats_and_the_german_minority_seat():
    config = load_config(POLAND)
    allocation = config.system.allocate(config.ballots)
    seats = allocation.seats_by_party()
    assert {p: s for p, s in seats.items() if s} == {
        "PiS": 235,
        "KO": 134,
        "SLD": 49,
        "PSL": 30,
        "Konfederacja": 11,
        "MN": 1,
    }
    by_district = allocation.district_seats.by_district(allocation.parties)
    assert by_district["21 Opole"]["MN"] == 1
    assert sum(by_district["19 Warszawa"].values()) == 20
    for name, row in by_district.items():
        assert (
            sum(row.values())
            == config.system.districts.seats[config.system.districts.names.index(name)]
        )
    assert [sum(col) for col in zip(*allocation.district_seats.seats, strict=True)] == list(
        allocation.seats
    )


def test_the_exemption_of_the_german_minority_is_what_wins_its_seat(capsys):
    """Real case: MN (0.17 % nationally) wins Opole's seat only because it is exempt."""
    status = main(["allocate", str(POLAND), "--json", "--exempt", "KO"])  # replaces the exemption
    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert record["seats"]["MN"] == 0
    assert record["district_seats"]["21 Opole"]["MN"] == 0
    assert sum(record["district_seats"]["21 Opole"].values()) == 12


def test_allocate_takes_a_districts_file_with_the_threshold_flags(capsys):
    csv = CONFIGS / "poland-sejm-2019-districts.csv"
    args = ["allocate", "--districts-file", str(csv), "--method", "dhondt", "--threshold", "5%"]
    status = main([*args, "--exempt", "MN", "--json"])
    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert record["seats"]["PiS"] == 235 and record["seats"]["MN"] == 1
    assert record["district_seats"]["1 Legnica"] == {
        "KO": 3,
        "Konfederacja": 0,
        "PSL": 1,
        "PiS": 6,
        "SLD": 2,
        "Bezpartyjni": 0,
        "Prawica": 0,
        "Skuteczni": 0,
        "AZEiR": 0,
        "MN": 0,
    }
    # A 10 % bar in each district instead keeps Konfederacja (6.8 %) out everywhere.
    status = main([*args[:3], "--method", "dhondt", "--district-threshold", "0.10", "--json"])
    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert record["seats"]["Konfederacja"] == 0
    assert record["district_threshold"] == 0.10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--district-threshold", "0.1"], "needs districts"),
        (["--alternative-min", "1", "--alternative-seats", "Amanta=1"], "'Amanta'"),
        (["--alternative-min", "two"], "--alternative-min"),
    ],
)
def test_district_and_alternative_flag_mistakes_exit_2(capsys, args, message):
    status = main(["allocate", str(CONFIGS / "kazakhstan-2023.toml"), *args])
    captured = capsys.readouterr()
    assert status == 2
    assert message in captured.err
    assert "Traceback" not in captured.err


def exact_district_tallies(system, districts, draws, list_types=None, held_by_district=None):
    """National seat histograms and district sums from the exact engine, draw by draw."""
    n_parties, n_others = len(districts.parties), len(districts.others)
    width = n_parties + n_others
    seat_count = np.zeros((n_parties, system.n_seats + 1), dtype=np.int64)
    district_sum = np.zeros((len(districts.names), n_parties), dtype=np.int64)
    wins = np.zeros_like(district_sum)
    for row in draws:
        exact = [Fraction(float(w)) for w in row]
        scale = math.lcm(*(value.denominator for value in exact))
        units = [int(value * scale) for value in exact]
        per_district = [units[d * width : (d + 1) * width] for d in range(len(districts.names))]
        drawn = Districts(
            districts.names,
            districts.seats,
            tuple(tuple(u[:n_parties]) for u in per_district),
            tuple(tuple(u[n_parties:]) for u in per_district),
            districts.parties,
            districts.others,
            districts.threshold,
            pool=districts.pool,
        )
        ballots = ballots_from_counts(
            drawn.national_votes(), drawn.national_other_votes(), list_types, most=None
        )
        allocation = system.__class__(
            system.n_seats, system.method, system.threshold, system.tie_policy, drawn
        ).allocate(ballots, held_by_district=held_by_district)
        seat_count[np.arange(n_parties), allocation.seats] += 1
        rows = np.array(allocation.district_seats.seats)
        district_sum += rows
        wins += rows > 0
    return seat_count, district_sum, wins


def wide_poland(districts_extra=""):
    """Poland 2019's config text with noise wide enough (sd 0.3) that thresholds bite.

    The districts file is named by its full path, and ``districts_extra``
    joins the ``[districts]`` table.
    """
    text = POLAND.read_text(encoding="utf-8")
    text = text.replace(
        'file = "poland-sejm-2019-districts.csv"',
        f'file = "{CONFIGS / "poland-sejm-2019-districts.csv"}"\n{districts_extra}',
    )
    return text.replace("sd = 0.05", "sd = 0.3")


@pytest.mark.parametrize(
    ("method", "threshold", "district_threshold"),
    [("dhondt", "0.05", "0"), ("sainte-lague", "0.03", "0.08"), ("hare", "0.05", "0.05")],
)
def test_the_kernel_equals_the_exact_engine_district_by_district(
    tmp_path, method, threshold, district_threshold
):
    text = wide_poland(f"threshold = {district_threshold}")
    text = text.replace('method = "dhondt"', f'method = "{method}"')
    text = text.replace("fraction = 0.05", f"fraction = {threshold}")
    path = tmp_path / "poland.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    plan = build_plan(config)
    n_draws = 60
    tallies = plan.run_chunk(7, 2, chunk_size=n_draws, n_draws=5 * n_draws)
    width = plan.n_components * plan.rules.n_districts
    draws = draw_block(plan.params, chunk_generator(7, 2), 2 * n_draws, n_draws, width)
    districts = config.system.districts
    seat_count, district_sum, wins = exact_district_tallies(config.system, districts, draws)
    assert tallies.status_count[0, 0, 0] == n_draws
    assert np.array_equal(tallies.seat_count[0, 0], seat_count)
    assert np.array_equal(tallies.district_seat_sum[0, 0], district_sum)
    assert np.array_equal(tallies.district_win_count[0, 0], wins)


def test_district_counts_along_a_threshold_sweep_are_the_exact_engine_s_at_each_point(tmp_path):
    # Lists drop out along the grid; each point's district counts must be
    # those of its own threshold, draw by draw.
    thresholds = [0.02, 0.05, 0.09]

    def poland(threshold, sweep):
        text = wide_poland().replace(
            'threshold = { fraction = 0.05, by_type = { coalition = 0.08 }, exempt = ["MN"] }',
            f"threshold = {threshold}",
        )
        if sweep:
            text += f"\n[sweep]\nthreshold = {thresholds}\n"
        path = tmp_path / f"poland-{threshold}-{sweep}.toml"
        path.write_text(text, encoding="utf-8")
        return load_config(path)

    plan = build_plan(poland(thresholds[0], sweep=True))
    n_draws = 40
    tallies = cumulate_points(plan.run_chunk(3, 0, chunk_size=n_draws, n_draws=n_draws))
    width = plan.n_components * plan.rules.n_districts
    draws = draw_block(plan.params, chunk_generator(3, 0), 0, n_draws, width)
    assert tallies.district_seat_sum.shape[0] == len(thresholds)
    for point, threshold in enumerate(thresholds):
        system = poland(threshold, sweep=False).system
        seat_count, district_sum, wins = exact_district_tallies(system, system.districts, draws)
        assert np.array_equal(tallies.seat_count[point, 0], seat_count)
        assert np.array_equal(tallies.district_seat_sum[point, 0], district_sum)
        assert np.array_equal(tallies.district_win_count[point, 0], wins)
    # The grid does move lists out: fewer clear 9 % than 2 %.
    assert tallies.pass_count[-1, 0].sum() < tallies.pass_count[0, 0].sum()
