"""The additional member system on real regions: Scotland 2021, region by region.

Three of the eight regions, whose list votes were found in declarations or
their transcriptions (the other five lack a source for some figure; see the
README).  Each region elects 7 list members by D'Hondt with each party's
divisor starting at its constituency seats in the region plus one.  Parties
without seats anywhere in the region are lumped as "Others" (no threshold:
the lump only has to stay below every seat's quotient, as it does).

Sources: Central Scotland, the Regional Returning Officer's declaration of
8 May 2021; Mid Scotland and Fife, The Courier's transcription of the
declaration; South Scotland, Dumfries and Galloway Council's results page.
Official list seats: Central Lab 3, Con 3, Green 1; Mid Scotland and Fife
Con 4, Lab 2, Green 1; South Con 3, Lab 3, SNP 1.
"""

import pytest

from seatcast.engine.config.reader import load_config
from seatcast.engine.rules.linkage import allocate_chamber
from tests.configs import write_config, write_file

PARTIES = ("SNP", "Con", "Lab", "Green", "LD", "Alba", "Others")

#: Region: list votes of PARTIES, constituency seats won, official list seats.
REGIONS = {
    "Central Scotland": (
        (148399, 59896, 77623, 19512, 6337, 5345, 10380),
        {"SNP": 9},
        {"Con": 3, "Lab": 3, "Green": 1},
    ),
    "Mid Scotland and Fife": (
        (136825, 85909, 52626, 28654, 25489, 5893, 8663),
        {"SNP": 8, "LD": 1},
        {"Con": 4, "Lab": 2, "Green": 1},
    ),
    "South Scotland": (
        (136741, 121730, 57236, 18964, 12422, 3896, 12189),
        {"SNP": 6, "Con": 3},
        {"Con": 3, "Lab": 3, "SNP": 1},
    ),
}


def region_config(tmp_path, region):
    votes, won, _ = REGIONS[region]
    rows = [f"{region},7,{party},{count}" for party, count in zip(PARTIES, votes, strict=True)]
    write_file(tmp_path / "region.csv", "\n".join(["district,seats,party,votes", *rows]) + "\n")
    held = ", ".join(f"{party} = {seats}" for party, seats in won.items())
    text = (
        '[rules]\nseats = 7\nmethod = "dhondt"\n[districts]\nfile = "region.csv"\n'
        f'[chamber]\nlinkage = "ams"\nheld_by_district = {{ "{region}" = {{ {held} }} }}\n'
    )
    return load_config(write_config(tmp_path, text))


@pytest.mark.parametrize("region", REGIONS)
def test_scotland_2021_list_seats_by_region(tmp_path, region):
    config = region_config(tmp_path, region)
    seats = allocate_chamber(config.system, config.ballots, config.chamber)
    listed = {name: n for name, n in zip(seats.names, seats.list_seats, strict=True) if n}
    assert listed == REGIONS[region][2]
    assert seats.allocation.ties == ()
    assert seats.size == 7 + sum(REGIONS[region][1].values())
