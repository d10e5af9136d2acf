"""Bundled real elections reproduce their official seats through `seatcast allocate --json`."""

import json
from fractions import Fraction

import pytest
import votelib.evaluate.proportional as vl_prop

from seatcast.engine.cli.main import main
from seatcast.engine.config.reader import load_config
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.rules.methods import get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy
from tests.configs import CONFIGS

# Official results, from the sources each config cites.
OFFICIAL = {
    "kazakhstan-2023.toml": {
        "Amanat": 40,
        "Auyl": 8,
        "Respublica": 6,
        "Ak Zhol": 6,
        "People's Party of Kazakhstan": 5,
        "JSDP": 4,
        "Baytaq": 0,
    },
    "kazakhstan-2021.toml": {
        "Nur Otan": 76,
        "Ak Zhol": 12,
        "People's Party of Kazakhstan": 10,
        "Auyl": 0,
        "Adal": 0,
    },
    "czechia-ep-2019.toml": {
        "ANO 2011": 6,
        "Občanská demokratická strana": 4,
        "Česká pirátská strana": 3,
        "Koalice STAN, TOP 09": 3,
        "Svoboda a přímá demokracie": 2,
        "KDU-ČSL": 2,
        "KSČM": 1,
    },
    "new-zealand-2017.toml": {
        "National Party": 56,
        "Labour Party": 46,
        "New Zealand First Party": 9,
        "Green Party": 8,
        "ACT New Zealand": 1,
    },
    "slovakia-2020.toml": {
        "OĽANO": 53,
        "Smer": 38,
        "Sme rodina": 17,
        "ĽSNS": 17,
        "Sloboda a Solidarita": 13,
        "Za ľudí": 12,
        "Progresívne Slovensko-SPOLU": 0,
    },
    "sweden-2022.toml": {
        "Socialdemokraterna": 107,
        "Sverigedemokraterna": 73,
        "Moderaterna": 68,
        "Vänsterpartiet": 24,
        "Centerpartiet": 24,
        "Kristdemokraterna": 19,
        "Miljöpartiet": 18,
        "Liberalerna": 16,
    },
    "poland-sejm-2019.toml": {
        "PiS": 235,
        "KO": 134,
        "SLD": 49,
        "PSL": 30,
        "Konfederacja": 11,
        "MN": 1,
        "Bezpartyjni": 0,
    },
    "czechia-2017.toml": {
        "ANO": 78,
        "ODS": 25,
        "Piráti": 22,
        "SPD": 22,
        "KSČM": 15,
        "ČSSD": 15,
        "KDU-ČSL": 10,
        "TOP 09": 7,
        "STAN": 6,
        "Svobodní": 0,
    },
    "czechia-2021.toml": {"SPOLU": 71, "PirSTAN": 37, "ANO": 72, "SPD": 20, "Prisaha": 0},
}


# Election-night configs whose last snapshot holds the official final counts.
OFFICIAL["kazakhstan-2023-election-night.toml"] = OFFICIAL["kazakhstan-2023.toml"]
OFFICIAL["poland-sejm-2023-election-night.toml"] = {
    "PiS": 194,
    "KO": 157,
    "TD": 65,
    "Lewica": 26,
    "Konfederacja": 18,
    "BS": 0,
    "PJJ": 0,
    "MN": 0,
}

# The whole chamber: its allocated tier is the 69 list seats.
OFFICIAL["kazakhstan-2023-chamber.toml"] = OFFICIAL["kazakhstan-2023.toml"]

# Swept configs: the official seats at the official rules, one point of the sweep.
OFFICIAL["kazakhstan-2023-threshold-sweep.toml"] = OFFICIAL["kazakhstan-2023.toml"]
OFFICIAL["kazakhstan-2023-slurm.toml"] = OFFICIAL["kazakhstan-2023.toml"]
# Scenario batches: the scenario with the official rules and counts.
OFFICIAL["kazakhstan-2023-scenarios.toml"] = OFFICIAL["kazakhstan-2023.toml"]
OFFICIAL_SCENARIO = {"kazakhstan-2023-scenarios.toml": "official rules"}
OFFICIAL_POINT = {
    "kazakhstan-2023-threshold-sweep.toml": (0.05, "hare"),
    "kazakhstan-2023-slurm.toml": (0.05, "hare"),
}


def allocate_json(capsys, *args):
    assert main(["allocate", *map(str, args), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(OFFICIAL))
def test_official_seats(capsys, name):
    record = allocate_json(capsys, CONFIGS / name)
    if name in OFFICIAL_SCENARIO:
        (record,) = [s for s in record["scenarios"] if s["scenario"] == OFFICIAL_SCENARIO[name]]
    if name in OFFICIAL_POINT:
        (record,) = [
            point
            for point in record["points"]
            if (point["threshold"], point["method"]) == OFFICIAL_POINT[name]
        ]
    winners = {party: seats for party, seats in record["seats"].items() if seats}
    assert winners == {p: s for p, s in OFFICIAL[name].items() if s}
    assert all(record["seats"][p] == s for p, s in OFFICIAL[name].items())
    assert record["ties"] == []


# Whole chambers: official seats of every name, chamber size and overhang.
OFFICIAL_CHAMBER = {
    # The additional member system: the list seats of each region compensate
    # its constituency seats (held at the official results).
    "scotland-2021.toml": (
        {"SNP": 64, "Conservative": 31, "Labour": 22, "Green": 8, "Liberal Democrats": 4},
        129,
        0,
    ),
    # Electorates from every candidate's votes ([constituencies]), not held seats.
    "new-zealand-2020.toml": (
        {
            "Labour Party": 65,
            "National Party": 33,
            "Green Party": 10,
            "ACT New Zealand": 10,
            "Māori Party": 2,
        },
        120,
        0,
    ),
    "new-zealand-2008.toml": (
        {
            "National Party": 58,
            "Labour Party": 43,
            "Green Party": 9,
            "ACT New Zealand": 5,
            "Māori Party": 5,
            "Jim Anderton's Progressive": 1,
            "United Future": 1,
        },
        122,
        2,
    ),
    "new-zealand-2014.toml": (
        {
            "National Party": 60,
            "Labour Party": 32,
            "Green Party": 14,
            "New Zealand First Party": 11,
            "Māori Party": 2,
            "ACT New Zealand": 1,
            "United Future": 1,
        },
        121,
        1,
    ),
    "germany-2025.toml": (
        {
            "CDU": 164,
            "AfD": 152,
            "SPD": 120,
            "GRÜNE": 85,
            "Die Linke": 64,
            "CSU": 44,
            "SSW": 1,
        },
        630,
        0,
    ),
    "sweden-2022-chamber.toml": (OFFICIAL["sweden-2022.toml"], 349, 0),
    "kazakhstan-2023-chamber.toml": (
        {
            "Amanat": 62,
            "Auyl": 8,
            "Respublica": 6,
            "Ak Zhol": 6,
            "People's Party of Kazakhstan": 5,
            "JSDP": 4,
            "Self-nominated": 7,
        },
        98,
        0,
    ),
}


@pytest.mark.parametrize("name", sorted(OFFICIAL_CHAMBER))
def test_official_chambers(capsys, name):
    record = allocate_json(capsys, CONFIGS / name)["chamber"]
    seats, size, overhang = OFFICIAL_CHAMBER[name]
    assert {n: s["total"] for n, s in record["seats"].items() if s["total"]} == seats
    assert (record["size"], record["overhang"]) == (size, overhang)


def test_new_zealand_2008_list_seats_and_the_maori_party_overhang(capsys):
    """The Māori Party won 5 electorates on an entitlement of 3: 2 overhang, no list seat."""
    record = allocate_json(capsys, CONFIGS / "new-zealand-2008.toml")
    assert record["seats"]["Māori Party"] == 3  # the entitlement
    chamber = record["chamber"]
    assert chamber["seats"]["Māori Party"] == {"list": 0, "electorate": 5, "total": 5}
    assert {n: s["list"] for n, s in chamber["seats"].items() if s["list"]} == {
        "National Party": 17,
        "Labour Party": 22,
        "Green Party": 9,
        "ACT New Zealand": 4,
    }
    assert chamber["majority"] == 62  # of 122


def test_germany_2025_bsw_misses_and_the_csu_cannot_seat_three_winners(capsys):
    """BSW's 4.98 % is below 5 % with no constituency; CSU won 47 seats' worth of
    constituencies in Bavaria, its only Land, on an entitlement of 44."""
    record = allocate_json(capsys, CONFIGS / "germany-2025.toml")
    assert "BSW" not in record["eligible"] and "SSW" in record["eligible"]
    assert record["chamber"]["unseated"] == {"CSU": 3}
    assert record["chamber"]["seats"]["CSU"] == {"list": 0, "constituency": 44, "total": 44}


def test_new_zealand_2020_electorate_winners_from_the_candidates_votes(capsys):
    """Labour 46, National 23, and one each for Green (Auckland Central), ACT (Epsom)
    and the Māori Party (Waiariki, which lets it in under 5 %)."""
    record = allocate_json(capsys, CONFIGS / "new-zealand-2020.toml")
    electorates = {n: s["electorate"] for n, s in record["chamber"]["seats"].items()}
    assert {n: s for n, s in electorates.items() if s} == {
        "Labour Party": 46,
        "National Party": 23,
        "Green Party": 1,
        "ACT New Zealand": 1,
        "Māori Party": 1,
    }
    assert "Māori Party" in record["eligible"]


def test_germany_2025_constituency_winners_from_the_first_votes(capsys):
    record = allocate_json(capsys, CONFIGS / "germany-2025.toml")["chamber"]
    won = {n: s["constituency"] + record["unseated"].get(n, 0) for n, s in record["seats"].items()}
    assert {n: s for n, s in won.items() if s} == {
        "CDU": 143,
        "CSU": 47,
        "AfD": 46,
        "SPD": 45,
        "GRÜNE": 12,
        "Die Linke": 6,
    }


def test_scotland_2021_list_seats_by_region(capsys):
    """The regions' totals in Denis Mollison's table, less the constituencies won."""
    record = allocate_json(capsys, CONFIGS / "scotland-2021.toml")
    by_region = {
        region: {p: s for p, s in seats.items() if s}
        for region, seats in record["district_seats"].items()
    }
    assert by_region == {
        "Central Scotland": {"Conservative": 3, "Labour": 3, "Green": 1},
        "Glasgow": {"Conservative": 2, "Labour": 4, "Green": 1},
        "Highlands and Islands": {"SNP": 1, "Conservative": 4, "Labour": 1, "Green": 1},
        "Lothian": {"Conservative": 3, "Labour": 2, "Green": 2},
        "Mid Scotland and Fife": {"Conservative": 4, "Labour": 2, "Green": 1},
        "North East Scotland": {"Conservative": 4, "Labour": 2, "Green": 1},
        "South Scotland": {"SNP": 1, "Conservative": 3, "Labour": 3},
        "West Scotland": {"Conservative": 3, "Labour": 3, "Green": 1},
    }


def test_sweden_2022_adjustment_seats(capsys):
    record = allocate_json(capsys, CONFIGS / "sweden-2022-chamber.toml")["chamber"]
    adjustment = [seats["adjustment"] for seats in record["seats"].values()]
    assert adjustment == [3, 4, 1, 8, 1, 6, 8, 8]  # S, SD, M, V, C, KD, MP, L


def test_every_bundled_config_is_covered():
    assert {p.name for p in CONFIGS.glob("*.toml")} == set(OFFICIAL) | set(OFFICIAL_CHAMBER)


def test_kazakhstan_2023_record(capsys):
    record = allocate_json(capsys, CONFIGS / "kazakhstan-2023.toml")
    assert list(record["seats"]) == list(OFFICIAL["kazakhstan-2023.toml"])  # input order
    assert record["eligible"] == [
        "Amanat",
        "Auyl",
        "Respublica",
        "Ak Zhol",
        "People's Party of Kazakhstan",
        "JSDP",
    ]
    assert (record["method"], record["threshold"], record["threshold_base"]) == (
        "hare",
        0.05,
        "all",
    )
    assert record["threshold_exact"] == "1/20"


def test_kazakhstan_2023_at_the_old_7_percent_threshold_seats_four_parties(capsys):
    record = allocate_json(
        capsys, CONFIGS / "kazakhstan-2023.toml", "--threshold", "0.03:0.10:0.01"
    )
    by_threshold = {point["threshold_exact"]: point for point in record["points"]}
    assert list(by_threshold) == [str(Fraction(k, 100)) for k in range(3, 11)]
    at_7 = by_threshold["7/100"]
    assert at_7["eligible"] == ["Amanat", "Auyl", "Respublica", "Ak Zhol"]
    assert {p: s for p, s in at_7["seats"].items() if s} == {
        "Amanat": 46,
        "Auyl": 9,
        "Respublica": 7,
        "Ak Zhol": 7,
    }
    assert by_threshold["1/20"]["seats"] == OFFICIAL["kazakhstan-2023.toml"]


def test_new_zealand_act_passes_by_its_electorate_alternative(capsys):
    """Real case: ACT (0.5 %) won Epsom, and one electorate is the alternative to 5 %."""
    record = allocate_json(capsys, CONFIGS / "new-zealand-2017.toml", "--alternative-min", "2")
    assert record["seats"]["ACT New Zealand"] == 0  # one electorate is not two
    assert record["alternative_seats"] == 2
    record = allocate_json(
        capsys, CONFIGS / "new-zealand-2017.toml", "--alternative-seats", "ACT New Zealand=0"
    )
    assert record["seats"]["ACT New Zealand"] == 0  # without Epsom, 0.5 % is not enough


def test_slovakia_coalition_threshold_matters(capsys):
    # As a single party PS-SPOLU's 6.97 % would pass the 5 % bar.
    record = allocate_json(
        capsys,
        CONFIGS / "slovakia-2020.toml",
        "--party-threshold",
        "Progresívne Slovensko-SPOLU=0.05",
    )
    assert record["seats"]["Progresívne Slovensko-SPOLU"] > 0


def test_slovakia_rounded_quota_gives_the_same_seats():
    # The law rounds the quota V/151; votelib implements that variant.
    config = load_config(CONFIGS / "slovakia-2020.toml")
    allocation = config.system.allocate(config.ballots)
    passing = {
        p: v
        for p, v, ok in zip(
            config.ballots.parties, config.ballots.votes, allocation.eligible, strict=True
        )
        if ok
    }
    rounded = vl_prop.LargestRemainder("hagenbach_bischoff_rounded").evaluate(passing, 150)
    assert rounded == {p: s for p, s in allocation.seats_by_party().items() if s}


def test_czechia_2017_regions_seats_are_the_hare_apportionment_of_their_votes():
    """The law gives each region seats by Hare largest remainder on its valid votes."""
    districts = load_config(CONFIGS / "czechia-2017.toml").system.districts
    valid = {
        name: sum(votes) + sum(other)
        for name, votes, other in zip(
            districts.names, districts.votes, districts.other_votes, strict=True
        )
    }
    apportion = ElectionSystem(200, get_method("hare"), Threshold(0), TiePolicy("error"))
    seats = apportion.allocate(ballots_from_counts(valid)).seats_by_party()
    assert seats == dict(zip(districts.names, districts.seats, strict=True))
    assert seats["Hlavní město Praha"] == 24


#: Czechia 2021 by region: the regional press reported each region's seats by list
#: (all cells of 11 regions; Liberecký, Jihomoravský and Moravskoslezský in part).
CZECHIA_2021_REGIONS = {
    "Hlavní město Praha": {"SPOLU": 11, "ANO": 5, "PirSTAN": 6, "SPD": 1},
    "Středočeský kraj": {"SPOLU": 10, "ANO": 8, "PirSTAN": 6, "SPD": 2},
    "Jihočeský kraj": {"SPOLU": 5, "ANO": 5, "PirSTAN": 2, "SPD": 1},
    "Plzeňský kraj": {"SPOLU": 4, "ANO": 4, "PirSTAN": 2, "SPD": 1},
    "Karlovarský kraj": {"SPOLU": 1, "ANO": 2, "PirSTAN": 1, "SPD": 1},
    "Ústecký kraj": {"SPOLU": 3, "ANO": 7, "PirSTAN": 2, "SPD": 2},
    "Liberecký kraj": {"SPOLU": 2, "ANO": 3, "PirSTAN": 2, "SPD": 1},
    "Královéhradecký kraj": {"SPOLU": 4, "ANO": 4, "PirSTAN": 2, "SPD": 1},
    "Pardubický kraj": {"SPOLU": 4, "ANO": 3, "PirSTAN": 2, "SPD": 1},
    "Kraj Vysočina": {"SPOLU": 4, "ANO": 4, "PirSTAN": 1, "SPD": 1},
    "Jihomoravský kraj": {"SPOLU": 9, "ANO": 8, "PirSTAN": 4, "SPD": 2},
    "Olomoucký kraj": {"SPOLU": 4, "ANO": 5, "PirSTAN": 2, "SPD": 1},
    "Zlínský kraj": {"SPOLU": 4, "ANO": 4, "PirSTAN": 2, "SPD": 2},
    "Moravskoslezský kraj": {"SPOLU": 6, "ANO": 10, "PirSTAN": 3, "SPD": 3},
}


def test_czechia_2021_two_scrutinies_by_region(capsys):
    """199 seats by whole Imperiali quotas (Pardubický, Vysočina and Olomoucký
    trimmed), the one left to SPOLU from the pool, in Středočeský kraj."""
    record = allocate_json(capsys, CONFIGS / "czechia-2021.toml")
    by_region = {
        region: {p: s for p, s in seats.items() if s}
        for region, seats in record["district_seats"].items()
    }
    assert by_region == CZECHIA_2021_REGIONS


def test_czechia_2021_regions_get_their_seats_from_the_valid_votes():
    districts = load_config(CONFIGS / "czechia-2021.toml").system.districts
    valid = dict(zip(districts.names, (sum(votes) for votes in districts.votes), strict=True))
    assert sum(valid.values()) == 5_375_090
    apportion = ElectionSystem(200, get_method("hare"), Threshold(0), TiePolicy("error"))
    seats = apportion.allocate(ballots_from_counts(valid)).seats_by_party()
    assert seats == dict(zip(districts.names, districts.seats, strict=True))


def test_czechia_2017_official_seats_by_region(capsys):
    record = allocate_json(capsys, CONFIGS / "czechia-2017.toml")
    praha = {p: s for p, s in record["district_seats"]["Hlavní město Praha"].items() if s}
    assert praha == {
        "ANO": 6,
        "ODS": 5,
        "Piráti": 5,
        "TOP 09": 3,
        "SPD": 1,
        "ČSSD": 1,
        "KSČM": 1,
        "KDU-ČSL": 1,
        "STAN": 1,
    }
    karlovy_vary = {p: s for p, s in record["district_seats"]["Karlovarský kraj"].items() if s}
    assert karlovy_vary == {"ANO": 3, "Piráti": 1, "SPD": 1}
