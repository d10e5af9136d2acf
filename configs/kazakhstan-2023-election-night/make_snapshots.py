"""Write the SYNTHETIC election-night snapshots of the Kazakhstan 2023 demo (snapshots.csv).

Nothing here is an official regional or precinct figure.  The snapshots are
built so that:

- the final snapshot sums exactly to the official national counts of the
  list vote (configs/kazakhstan-2023.toml);
- regional turnouts follow the published pattern where this script knows it
  (high in Kyzylorda, Zhambyl, Kostanay, North and East Kazakhstan, 64-67 %;
  Astana 42.41 %, Shymkent 45.46 %, Almaty 25.82 %); the rest, the numbers of
  registered voters (about 60 % of each region's population) and every
  regional and precinct split of the votes are invented;
- regions and precincts differ (cities vote more for Respublica, JSDP and
  "against all", the countryside more for Amanat and Auyl), and rural
  precincts report first while the three big cities report last.

Run it from anywhere: ``python make_snapshots.py`` rewrites snapshots.csv
beside it, identically (fixed seed).
"""

import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 20230319

#: Official national counts (CEC, 27 March 2023), parties then "against all".
COMPONENTS = {
    "Amanat": 3431510,
    "Auyl": 693938,
    "Respublica": 547154,
    "Ak Zhol": 535139,
    "People's Party of Kazakhstan": 432920,
    "JSDP": 331058,
    "Baytaq": 146431,
    "Against all": 248291,
}

#: Region: (population in thousands, turnout, urbanity 0-1).  Turnouts of
#: the eight regions named in the module docstring follow the published
#: figures; the others, and every urbanity, are invented.
REGIONS = {
    "Abai": (605, 0.62, 0.5),
    "Akmola": (787, 0.60, 0.45),
    "Aktobe": (917, 0.58, 0.55),
    "Almaty Region": (1505, 0.61, 0.25),
    "Atyrau": (690, 0.60, 0.5),
    "East Kazakhstan": (728, 0.64, 0.6),
    "Zhambyl": (1213, 0.6550, 0.35),
    "Zhetysu": (697, 0.63, 0.35),
    "West Kazakhstan": (689, 0.59, 0.5),
    "Karaganda": (1131, 0.57, 0.8),
    "Kostanay": (832, 0.6450, 0.5),
    "Kyzylorda": (827, 0.6640, 0.4),
    "Mangystau": (760, 0.56, 0.45),
    "Pavlodar": (751, 0.60, 0.7),
    "North Kazakhstan": (534, 0.6720, 0.4),
    "Turkistan": (2120, 0.63, 0.2),
    "Ulytau": (221, 0.64, 0.6),
    "Astana": (1354, 0.4241, 1.0),
    "Almaty": (2211, 0.2582, 1.0),
    "Shymkent": (1201, 0.4546, 1.0),
}
CITIES = ("Astana", "Almaty", "Shymkent")

#: How much each component gains per unit of urbanity (log scale).
URBAN_LEAN = np.array([-0.35, -0.9, 0.5, 0.2, -0.1, 0.8, 0.5, 0.6])

#: Ballots in a typical precinct.
PRECINCT_BALLOTS = 600

#: When the snapshots were published, and how far through the count (0-1) each is.
SNAPSHOTS = [
    ("2023-03-19 21:00", 0.04),
    ("2023-03-19 22:00", 0.10),
    ("2023-03-19 23:00", 0.20),
    ("2023-03-20 00:00", 0.32),
    ("2023-03-20 01:00", 0.45),
    ("2023-03-20 02:00", 0.58),
    ("2023-03-20 03:00", 0.70),
    ("2023-03-20 05:00", 0.82),
    ("2023-03-20 07:00", 0.92),
    ("2023-03-20 10:00", 1.0),
]


def largest_remainder(total, weights):
    """Split the whole number ``total`` in proportion to ``weights``, exactly."""
    quotas = total * np.asarray(weights, dtype=float) / np.sum(weights)
    parts = np.floor(quotas).astype(np.int64)
    order = np.argsort(-(quotas - parts), kind="stable")
    parts[order[: total - parts.sum()]] += 1
    return parts


def fit_margins(weights, row_sums, column_sums):
    """An integer matrix close to ``weights`` with exactly these row and column sums."""
    matrix = np.asarray(weights, dtype=float).copy()
    for _ in range(200):  # iterative proportional fitting
        matrix *= (row_sums / matrix.sum(axis=1))[:, None]
        matrix *= column_sums / matrix.sum(axis=0)
    rows = np.array(
        [largest_remainder(total, row) for total, row in zip(row_sums, matrix, strict=True)]
    )
    # Move single votes within a row until every column sum is exact too.
    while True:
        gap = column_sums - rows.sum(axis=0)
        if not gap.any():
            return rows
        give, take = np.argmin(gap), np.argmax(gap)
        row = np.argmax(np.where(rows[:, give] > 0, matrix[:, take] - rows[:, take], -np.inf))
        rows[row, give] -= 1
        rows[row, take] += 1


def main():
    rng = np.random.default_rng(SEED)
    national = np.array(list(COMPONENTS.values()), dtype=np.int64)
    names = list(REGIONS)
    population, turnout, urbanity = (
        np.array(column) for column in zip(*REGIONS.values(), strict=True)
    )
    registered = np.round(population * 1000 * 0.6).astype(np.int64)
    ballots = largest_remainder(int(national.sum()), registered * turnout)
    lean = np.exp(np.outer(urbanity - urbanity.mean(), URBAN_LEAN))
    lean *= np.exp(rng.normal(0, 0.15, lean.shape))  # regional character beyond urbanity
    regional = fit_margins(lean * national / national.sum(), ballots, national)

    precincts = []  # (region, urban, report time, votes)
    for index, name in enumerate(names):
        n_precincts = max(1, round(ballots[index] / PRECINCT_BALLOTS))
        n_urban = round(n_precincts * urbanity[index])
        urban = np.arange(n_precincts) < n_urban
        weights = rng.lognormal(0, 0.4, n_precincts) * (1 + urban)  # urban precincts are bigger
        sizes = largest_remainder(int(ballots[index]), weights)
        tilt = np.exp(np.outer(np.where(urban, 0.5, -0.5), URBAN_LEAN))
        tilt *= np.exp(rng.normal(0, 0.25, tilt.shape))  # precincts differ inside a region
        votes = fit_margins(tilt * regional[index] / ballots[index], sizes, regional[index])
        delay = 0.25 if name in CITIES else 0.0
        start = np.where(urban, 0.25, 0.0) + delay
        times = np.minimum(start + rng.uniform(0, 0.75 - delay / 2, n_precincts), 0.999)
        precincts += [(index, time, row) for time, row in zip(times, votes, strict=True)]

    with (HERE / "snapshots.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "snapshot",
                "time",
                "region",
                "precincts_reported",
                "precincts_total",
                "registered",
                "turnout",
                "turnout_sd",
                *COMPONENTS,
            ]
        )
        for number, (time, progress) in enumerate(SNAPSHOTS, start=1):
            for index, name in enumerate(names):
                mine = [(t, row) for i, t, row in precincts if i == index]
                reported = [row for t, row in mine if t < progress]
                counted = np.sum(reported, axis=0) if reported else np.zeros(len(COMPONENTS), int)
                writer.writerow(
                    [
                        f"{number:02d}",
                        time,
                        name,
                        len(reported),
                        len(mine),
                        registered[index],
                        f"{turnout[index]:.4f}",
                        "0.03",
                        *counted.tolist(),
                    ]
                )


if __name__ == "__main__":
    main()
