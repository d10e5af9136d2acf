"""Build the real-data inputs of the Poland 2023 election-night replay.

Reads the electoral commission's (PKW) spreadsheets of the 2019 and 2023 Sejm
elections by gmina (see the raw folder's README.md) and writes, beside this
script:

- ``units.csv``: the 2023 units (gminas and countries abroad), with their
  precincts, registered voters, district and kind (rural, city, abroad);
- ``final.csv``: the 2023 list votes of each unit, the truth of the replay;
- ``previous.csv``: the 2019 list votes by gmina (plus abroad and ships);
- ``districts.csv``: the 41 districts and their magnitudes;
- ``snapshots.csv``: a SIMULATED election night, the units reporting in the
  order "cities-abroad-last" of count_orders.py (seed 2023); the times of
  the snapshots are invented, as the files hold no timestamps.

Two abroad rows of the 2023 file (Irak, Liban) hold no figures at all (no
registered voters, no votes, precincts listed but nothing returned); they are
left out of every output, so there are 2,583 units, not 2,585.

Run: ``python configs/poland-sejm-2023-election-night/make_inputs.py [RAW_DIR]``
(RAW_DIR defaults to ../shared/data/poland-sejm beside the repository).  It
checks its outputs against the official totals, prints the checks, and stops
on a failed one.  The output is the same on every run (fixed seed).
"""

import csv
import importlib.util
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_RAW_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "poland-sejm"
DISTRICTS_2019 = HERE.parent / "poland-sejm-2019-districts.csv"

#: Column names of the PKW files.
TERYT_2023 = "TERYT Gminy"
TERYT_2019 = "Kod TERYT"
UNIT_NAME = "Gmina"
DISTRICT_NUMBER = "Nr okręgu"
PRECINCTS = "Liczba komisji"
REGISTERED = "Liczba wyborców uprawnionych do głosowania"
VALID_VOTES = "Liczba głosów ważnych oddanych łącznie na wszystkie listy kandydatów"

#: Short name -> a substring found in exactly one committee column, 2023.
PARTIES_2023 = {
    "PiS": "PRAWO I SPRAWIEDLIWOŚĆ",
    "KO": "KOALICJA OBYWATELSKA",
    "TD": "TRZECIA DROGA",
    "Lewica": "NOWA LEWICA",
    "Konfederacja": "KONFEDERACJA WOLNOŚĆ I NIEPODLEGŁOŚĆ",
    "BS": "BEZPARTYJNI SAMORZĄDOWCY",
    "PJJ": "POLSKA JEST JEDNA",
    "RDiP": "RUCHU DOBROBYTU I POKOJU",
    "NK": "NORMALNY KRAJ",
    "Antypartia": "ANTYPARTIA",
    "RNP": "RUCH NAPRAWY POLSKI",
    "MN": "MNIEJSZOŚĆ NIEMIECKA",
}

#: Short name -> a substring found in exactly one committee column, 2019.
PARTIES_2019 = {
    "KO": "KOALICJA OBYWATELSKA",
    "AZER": "AKCJA ZAWIEDZIONYCH",
    "Konfederacja": "KONFEDERACJA",
    "PSL": "POLSKIE STRONNICTWO LUDOWE",
    "Prawica": "PRAWICA",
    "PiS": "PRAWO I SPRAWIEDLIWOŚĆ",
    "Skuteczni": "SKUTECZNI",
    "SLD": "SOJUSZ LEWICY",
    "BS": "BEZPARTYJNI",
    "MN": "MNIEJSZOŚĆ",
}

#: Official national totals (README of the raw data; the district file sums to them).
OFFICIAL_2023 = {
    "PiS": 7_640_854,
    "KO": 6_629_402,
    "TD": 3_110_670,
    "Lewica": 1_859_018,
    "Konfederacja": 1_547_364,
}
OFFICIAL_VALID_2023 = 21_596_674
GMINA_FILE_SHORTFALL_2023 = 887  # ship precincts, absent from the gmina file
OFFICIAL_VALID_2019 = 18_470_710

N_UNITS_RAW = 2_585
N_GMINAS = 2_494
EXPECTED_EMPTY_UNITS = {"abroad: Irak", "abroad: Liban"}
N_DISTRICTS, N_SEATS = 41, 460

#: The bundled simulated night: count order, seed, and (label, time, share counted).
ORDER = "cities-abroad-last"
SEED = 2023
SNAPSHOTS = (
    ("05%", "2023-10-15 22:00", 0.05),
    ("10%", "2023-10-15 23:00", 0.10),
    ("25%", "2023-10-16 01:00", 0.25),
    ("50%", "2023-10-16 03:00", 0.50),
    ("75%", "2023-10-16 06:00", 0.75),
    ("90%", "2023-10-16 09:00", 0.90),
    ("100%", "2023-10-16 14:00", 1.00),
)


def load_count_orders():
    """Import count_orders.py from beside this script, wherever it is run from."""
    spec = importlib.util.spec_from_file_location("count_orders", HERE / "count_orders.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_pkw(path):
    """Read a PKW spreadsheet (semicolon-separated, UTF-8 with BOM) as a list of dicts."""
    with Path(path).open(newline="", encoding="utf-8-sig") as file:
        return list(csv.DictReader(file, delimiter=";"))


def count(text):
    """A count from a PKW cell: an empty cell is zero."""
    return int(text) if text.strip() else 0


def committee_columns(header, substrings):
    """Map each short name to the one column whose header contains its substring."""
    columns = {}
    for short, substring in substrings.items():
        matches = [name for name in header if substring in name]
        assert len(matches) == 1, f"{short}: {substring!r} matches {matches}"
        columns[short] = matches[0]
    return columns


def vote_matrix(rows, columns):
    """The votes of each row (units x parties, int64) in the order of `columns`."""
    return np.array([[count(row[column]) for column in columns.values()] for row in rows])


def read_districts(path):
    """District number -> (name, seats), in number order, from the 2019 long file."""
    districts = {}
    with Path(path).open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            number = int(row["district"].split()[0])
            districts[number] = (row["district"], int(row["seats"]))
    return dict(sorted(districts.items()))


def region_id(row):
    """The 6-digit TERYT of a gmina, or ``abroad: <country>`` for an abroad row."""
    teryt = row[TERYT_2023].strip()
    return teryt.zfill(6) if teryt else f"abroad: {row[UNIT_NAME]}"


def unit_kind(row):
    """``abroad``, ``rural`` (a "gm." name) or ``city`` ("m." or no prefix)."""
    if not row[TERYT_2023].strip():
        return "abroad"
    return "rural" if row[UNIT_NAME].startswith("gm.") else "city"


def is_empty(row, columns):
    """True for a row without registered voters and without votes."""
    cells = [row[REGISTERED], row[VALID_VOTES], *(row[column] for column in columns.values())]
    return not any(cell.strip() for cell in cells)


def split_empty_units(rows, columns):
    """Separate the rows that hold no figures from the others; check which they are."""
    empty = [row for row in rows if is_empty(row, columns)]
    names = {region_id(row) for row in empty}
    assert names == EXPECTED_EMPTY_UNITS, f"units without figures: {sorted(names)}"
    print(f"left out, no figures at all: {', '.join(sorted(names))}")
    return [row for row in rows if not is_empty(row, columns)]


def units_table(rows, districts):
    """The rows of units.csv: region, precincts, registered, district name, kind."""
    return [
        [
            region_id(row),
            count(row[PRECINCTS]),
            count(row[REGISTERED]),
            districts[int(row[DISTRICT_NUMBER])][0],
            unit_kind(row),
        ]
        for row in rows
    ]


def write_csv(path, header, rows):
    """Write plain comma-separated UTF-8 (no BOM, ``"\\n"`` line ends)."""
    with Path(path).open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def with_ids(ids, matrix, *extra):
    """Rows made of an id, a row of `matrix`, then the matching items of `extra`."""
    return [
        [unit, *votes.tolist(), *(column[i] for column in extra)]
        for i, (unit, votes) in enumerate(zip(ids, matrix, strict=True))
    ]


def check_final(rows_2023, columns, votes, district_rows):
    """Final votes: raw column sums, valid votes per unit, and the official totals."""
    raw_sums = vote_matrix(rows_2023, columns).sum(axis=0)
    assert (votes.sum(axis=0) == raw_sums).all(), "final.csv does not sum to the gmina file"
    valid = np.array([count(row[VALID_VOTES]) for row in rows_2023])
    assert (votes.sum(axis=1) == valid).all(), "list votes do not add up to valid votes"
    district_sums = vote_matrix(district_rows, columns).sum(axis=0)
    for short, official in OFFICIAL_2023.items():
        assert district_sums[list(columns).index(short)] == official, short
    total = int(votes.sum())
    assert total == OFFICIAL_VALID_2023 - GMINA_FILE_SHORTFALL_2023, total
    print("2023 national totals of final.csv (difference to the district file = official):")
    for short, mine, theirs in zip(columns, votes.sum(axis=0), district_sums, strict=True):
        print(f"  {short:<13}{mine:>12,}{mine - theirs:>+8,}")
    print(f"  {'all lists':<13}{total:>12,}{total - OFFICIAL_VALID_2023:>+8,}")


def check_units(units):
    """2,583 units with unique ids, positive registered and precincts; counts per kind."""
    assert len(units) == N_UNITS_RAW - len(EXPECTED_EMPTY_UNITS), len(units)
    assert len({unit[0] for unit in units}) == len(units), "duplicate region ids"
    assert all(unit[1] > 0 and unit[2] > 0 for unit in units), "zero precincts or registered"
    assert sum(unit[4] != "abroad" for unit in units) == N_GMINAS


def check_join(units, previous_ids):
    """Every 2023 gmina has a 2019 row; report the 2019 rows without a 2023 twin."""
    gminas = {unit[0] for unit in units if unit[4] != "abroad"}
    missing = gminas - set(previous_ids)
    assert not missing, f"2023 gminas without a 2019 row: {sorted(missing)}"
    print(f"all {len(gminas):,} gminas join 2019; 2019 rows without a 2023 twin:", end=" ")
    print(", ".join(sorted(set(previous_ids) - gminas)))


def check_previous(rows_2019, votes):
    """2019 list votes add up to valid votes per gmina and to the official total."""
    valid = np.array([count(row[VALID_VOTES]) for row in rows_2019])
    assert (votes.sum(axis=1) == valid).all(), "2019 list votes do not add up to valid votes"
    assert valid.sum() == OFFICIAL_VALID_2019, valid.sum()
    print(f"2019 valid list votes in previous.csv: {valid.sum():,} (official)")


def print_by_kind(units, votes):
    """Units, registered voters and ballots of each kind, and the abroad total."""
    kinds = np.array([unit[4] for unit in units])
    registered = np.array([unit[2] for unit in units])
    ballots = votes.sum(axis=1)
    print("by kind:        units    registered       ballots   share")
    for kind in ("rural", "city", "abroad"):
        mine = kinds == kind
        share = ballots[mine].sum() / ballots.sum()
        print(
            f"  {kind:<8}{mine.sum():>11,}{registered[mine].sum():>14,}"
            f"{ballots[mine].sum():>14,}{share:>8.1%}"
        )


def write_districts(districts):
    """districts.csv: the districts in number order with their seats."""
    assert len(districts) == N_DISTRICTS
    assert sum(seats for _, seats in districts.values()) == N_SEATS
    write_csv(HERE / "districts.csv", ["district", "seats"], districts.values())


def write_snapshots(units, votes):
    """snapshots.csv: the simulated night; print each snapshot's share and units."""
    orders = load_count_orders()
    table = {
        "registered": np.array([unit[2] for unit in units], dtype=np.float64),
        "kind": np.array([unit[4] for unit in units], dtype=object),
        "district": np.array([unit[3] for unit in units], dtype=object),
    }
    order = orders.count_order(ORDER, table, np.random.default_rng(SEED))
    labels, times, fractions = zip(*SNAPSHOTS, strict=True)
    path = HERE / "snapshots.csv"
    ids = [unit[0] for unit in units]
    precincts = [unit[1] for unit in units]
    series = orders.write_series(
        path, ids, precincts, list(PARTIES_2023), votes, order, fractions, labels, times
    )
    ballots = votes.sum(axis=1)
    print(f"snapshots.csv ({ORDER}, seed {SEED}):  counted  units  rural  city  abroad")
    for label, rows in zip(labels, series, strict=True):
        kinds = [units[row][4] for row in rows]
        share = ballots[rows].sum() / ballots.sum()
        print(
            f"  {label:>5}{share:>36.2%}{len(rows):>7,}{kinds.count('rural'):>7,}"
            f"{kinds.count('city'):>6,}{kinds.count('abroad'):>8,}"
        )
    print(f"  size: {path.stat().st_size:,} bytes")


def main(argv):
    """Build every output from the raw folder given in `argv` (or the default)."""
    raw_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_RAW_DIR.resolve()
    rows_2023 = read_pkw(raw_dir / "2023_by_community.csv")
    rows_2019 = read_pkw(raw_dir / "2019_by_community.csv")
    district_rows = read_pkw(raw_dir / "2023_by_district.csv")
    assert len(rows_2023) == N_UNITS_RAW, len(rows_2023)
    columns_2023 = committee_columns(rows_2023[0].keys(), PARTIES_2023)
    columns_2019 = committee_columns(rows_2019[0].keys(), PARTIES_2019)
    districts = read_districts(DISTRICTS_2019)

    rows_2023 = split_empty_units(rows_2023, columns_2023)
    units = units_table(rows_2023, districts)
    check_units(units)
    votes = vote_matrix(rows_2023, columns_2023)
    check_final(rows_2023, columns_2023, votes, district_rows)
    print_by_kind(units, votes)
    ids = [unit[0] for unit in units]
    header = ["region", "precincts_total", "registered", "district", "kind"]
    write_csv(HERE / "units.csv", header, units)
    write_csv(HERE / "final.csv", ["region", *PARTIES_2023], with_ids(ids, votes))

    previous_ids = [row[TERYT_2019].strip().zfill(6) for row in rows_2019]
    previous = vote_matrix(rows_2019, columns_2019)
    check_previous(rows_2019, previous)
    check_join(units, previous_ids)
    ballots = [count(row[VALID_VOTES]) for row in rows_2019]
    registered = [count(row[REGISTERED]) for row in rows_2019]
    header = ["region", *PARTIES_2019, "ballots", "registered"]
    write_csv(HERE / "previous.csv", header, with_ids(previous_ids, previous, ballots, registered))

    write_districts(districts)
    write_snapshots(units, votes)


if __name__ == "__main__":
    main(sys.argv)
