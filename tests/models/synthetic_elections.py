"""Synthetic elections with a known final result, counted precinct by precinct.

Each election has its own parties, regions and rules.  Precincts differ from
their region (and urban from rural ones, the same way everywhere), regions
from the nation, and the count is biased: rural precincts report first,
cities last.  The generator is deliberately not the nowcast model's own form
(multinomial precinct votes around shares with urban leans, a count order in
time), so calibration against it is a real test of the model's defaults.
"""

from dataclasses import dataclass

import numpy as np

from seatcast.engine.config.reader import build_config
from seatcast.models.previous import PreviousResult
from seatcast.models.snapshots import SIZE_FIELDS, Snapshot
from seatcast.models.units import Units

METHODS = ("hare", "dhondt", "sainte-lague", "droop")

#: Relative error (sd) of an analyst's estimate of a region's ballots.
SIZE_ERROR = 0.03


@dataclass(frozen=True)
class SyntheticElection:
    """Precinct-level truth of one election.

    Parameters
    ----------
    config : Config
        Rules and ``[nowcast]`` parties of the election.
    components : tuple of str
    region_of : ndarray of int, (precincts,)
    votes : ndarray of int64, (precincts, components)
    report_time : ndarray of float, (precincts,)
        When each precinct reports, in [0, 1).
    n_regions : int
    registered : ndarray of float, (regions,)
    turnout : ndarray of float, (regions,)
        Each region's valid ballots / registered, as an analyst would
        estimate it (off by :data:`SIZE_ERROR`, relative sd).
    expected : ndarray of float, (regions,)
        Each region's valid ballots as an analyst would estimate them (as
        far off).
    size_form : ndarray of int, (regions,)
        How each region says what is left: 0 precincts, 1 expected ballots
        (with an sd), 2 registered voters and turnout.
    urban : ndarray of bool, (precincts,)
    precinct_registered : ndarray of float, (precincts,)
        Registered voters of each precinct (its turnout varies around its region's).
    previous_votes : ndarray of int64, (precincts, previous parties)
        The previous election in every precinct, under its own lists: one
        per party but the newest, which did not run before (when
        ``new_party``), and no blank column.
    new_party : bool
    """

    config: object
    components: tuple
    region_of: np.ndarray
    votes: np.ndarray
    report_time: np.ndarray
    n_regions: int
    registered: np.ndarray
    turnout: np.ndarray
    expected: np.ndarray
    size_form: np.ndarray
    urban: np.ndarray
    precinct_registered: np.ndarray
    previous_votes: np.ndarray
    new_party: bool

    @property
    def final(self):
        """Final national votes per component."""
        return self.votes.sum(axis=0)

    def snapshot(self, fraction):
        """The snapshot when about ``fraction`` of the ballots are counted."""
        ballots = self.votes.sum(axis=1)
        order = np.argsort(self.report_time, kind="stable")
        counted_ballots = np.cumsum(ballots[order])
        n_reported = int(np.searchsorted(counted_ballots, fraction * ballots.sum(), side="right"))
        reported = np.zeros(len(ballots), dtype=bool)
        reported[order[:n_reported]] = True
        counted = np.zeros((self.n_regions, len(self.components)), dtype=np.int64)
        np.add.at(counted, self.region_of[reported], self.votes[reported])
        sizes = {field: np.full(self.n_regions, np.nan) for field in SIZE_FIELDS}
        region_ballots = np.bincount(self.region_of, weights=ballots, minlength=self.n_regions)
        for r in range(self.n_regions):
            mine = self.region_of == r
            n_reported_here, n_total = int(reported[mine].sum()), int(mine.sum())
            form = self.size_form[r]
            if form == 0 or n_reported_here == n_total:
                sizes["precincts_reported"][r] = n_reported_here
                sizes["precincts_total"][r] = n_total
            elif form == 1:  # an estimate of the region's ballots, with its honest sd
                sizes["expected"][r] = self.expected[r]
                sizes["expected_sd"][r] = SIZE_ERROR * region_ballots[r]
            else:
                sizes["registered"][r] = self.registered[r]
                sizes["turnout"][r] = self.turnout[r]
                sizes["turnout_sd"][r] = SIZE_ERROR * self.turnout[r]
        return Snapshot(
            label=f"{fraction:.0%}",
            time="",
            regions=tuple(f"region {r}" for r in range(self.n_regions)),
            components=self.components,
            counted=counted,
            sizes=sizes,
        )

    def units(self):
        """Every precinct as a unit known in advance: its registered voters, its region (the
        ``district`` column of a units file) and whether it is urban or rural.
        """
        n_precincts = len(self.votes)
        return Units(
            ids=tuple(f"p{i}" for i in range(n_precincts)),
            precincts_total=np.ones(n_precincts),
            registered=self.precinct_registered,
            districts=tuple(f"region {r}" for r in self.region_of),
            kinds=tuple("urban" if u else "rural" for u in self.urban),
            source="synthetic units",
        )

    def previous(self):
        """The previous election by precinct, under the previous lists' own names."""
        n = self.previous_votes.shape[1]
        return PreviousResult(
            regions=tuple(f"p{i}" for i in range(len(self.votes))),
            parties=tuple(f"Q{k}" for k in range(n)),
            votes=self.previous_votes.astype(np.float64),
            ballots=self.previous_votes.sum(axis=1).astype(np.float64),
            registered=np.full(len(self.votes), np.nan),
            source="synthetic previous",
        )

    def unit_snapshot(self, fraction):
        """The precincts reported when about ``fraction`` of the ballots are counted."""
        ballots = self.votes.sum(axis=1)
        order = np.argsort(self.report_time, kind="stable")
        counted_ballots = np.cumsum(ballots[order])
        n_reported = int(np.searchsorted(counted_ballots, fraction * ballots.sum(), side="right"))
        reported = np.sort(order[:n_reported])
        sizes = {field: np.full(len(reported), np.nan) for field in SIZE_FIELDS}
        sizes["precincts_reported"] = np.ones(len(reported))
        return Snapshot(
            label=f"{fraction:.0%}",
            time="",
            regions=tuple(f"p{i}" for i in reported),
            components=self.components,
            counted=self.votes[reported],
            sizes=sizes,
        )


def synthetic_election(rng):
    """Draw one election: parties, regions, precincts, votes, count order and rules.

    Parameters
    ----------
    rng : numpy.random.Generator

    Returns
    -------
    SyntheticElection
    """
    n_parties = int(rng.integers(4, 10))
    n_components = n_parties + 1  # the last is "blank": no seats
    alpha = np.concatenate([[4.0, 2.0], np.full(n_parties - 2, 0.9), [0.4]])
    national = rng.dirichlet(alpha)
    n_regions = int(rng.integers(6, 21))
    urbanity = rng.uniform(0.0, 0.8, n_regions)
    urbanity[: int(rng.integers(1, 4))] = 1.0  # a few cities
    urban_lean = rng.normal(0.0, 0.35, n_components)
    region_character = rng.normal(0.0, 0.25, (n_regions, n_components))
    region_size = rng.lognormal(0.0, 0.6, n_regions)
    region_of, votes, times, urban_flags = [], [], [], []
    for r in range(n_regions):
        n_precincts = max(2, int(region_size[r] * rng.integers(15, 60)))
        urban = rng.random(n_precincts) < urbanity[r]
        urban_flags.append(urban)
        ballots = np.maximum(
            10, rng.lognormal(np.log(500), 0.5, n_precincts) * np.where(urban, 1.8, 1.0)
        ).astype(np.int64)
        log_share = (
            np.log(national)
            + region_character[r]
            + np.outer(np.where(urban, 0.5, -0.5), urban_lean)
            + rng.normal(0.0, 0.25, (n_precincts, n_components))
        )
        share = np.exp(log_share)
        share /= share.sum(axis=1, keepdims=True)
        for p in range(n_precincts):
            votes.append(rng.multinomial(ballots[p], share[p]))
        city_delay = 0.2 * urbanity[r] ** 4
        times.append(np.where(urban, 0.25, 0.0) + city_delay + rng.uniform(0.0, 0.75, n_precincts))
        region_of.append(np.full(n_precincts, r))
    votes = np.array(votes, dtype=np.int64)
    region_of = np.concatenate(region_of)
    urban_flags = np.concatenate(urban_flags)
    previous_votes, new_party = _previous_election(rng, votes, urban_flags, region_of, n_regions)
    region_ballots = np.bincount(region_of, weights=votes.sum(axis=1), minlength=n_regions)
    true_turnout = rng.uniform(0.4, 0.75, n_regions)
    parties = [f"P{i}" for i in range(n_parties)]
    config = build_config(
        {
            "rules": {
                "seats": int(rng.integers(20, 151)),
                "method": str(rng.choice(METHODS)),
                "threshold": {
                    "fraction": str(round(float(rng.uniform(0.03, 0.07)), 3)),
                    "base": str(rng.choice(["all", "parties"])),
                },
            },
            "nowcast": {"parties": parties, "others": ["blank"]},
        }
    )
    return SyntheticElection(
        config=config,
        components=(*parties, "blank"),
        region_of=region_of,
        votes=votes,
        report_time=np.concatenate(times),
        n_regions=n_regions,
        registered=np.round(region_ballots / true_turnout),
        turnout=true_turnout * (1 + rng.normal(0.0, SIZE_ERROR, n_regions)),
        expected=np.round(region_ballots * (1 + rng.normal(0.0, SIZE_ERROR, n_regions))),
        size_form=rng.choice(3, size=n_regions, p=[0.6, 0.2, 0.2]),
        urban=urban_flags,
        precinct_registered=np.round(
            votes.sum(axis=1)
            / np.minimum(true_turnout[region_of] * rng.lognormal(0.0, 0.1, len(votes)), 0.95)
        ),
        previous_votes=previous_votes,
        new_party=new_party,
    )


def _previous_election(rng, votes, urban, region_of, n_regions):
    """The previous election in the same precincts: other national shares, a swing that
    differs between town and country and between regions, precinct noise, and sometimes a
    party that did not run then.
    """
    n_components = votes.shape[1]
    ballots = votes.sum(axis=1)
    share = (votes + 0.5) / (ballots[:, None] + 0.5 * n_components)
    log_share = (
        np.log(share)
        + rng.normal(0.0, 0.3, n_components)
        + np.outer(np.where(urban, 0.5, -0.5), rng.normal(0.0, 0.15, n_components))
        + rng.normal(0.0, 0.1, (n_regions, n_components))[region_of]
        + rng.normal(0.0, 0.15, share.shape)
    )
    previous = np.exp(log_share[:, :-1])  # no blank column: the lists only
    new_party = bool(rng.random() < 0.3)
    if new_party:
        previous = previous[:, :-1]
    previous /= previous.sum(axis=1, keepdims=True)
    previous_ballots = np.maximum(1, np.round(ballots * rng.lognormal(0.0, 0.1, len(ballots))))
    return np.array(
        [rng.multinomial(int(n), p) for n, p in zip(previous_ballots, previous, strict=True)],
        dtype=np.int64,
    ), new_party
