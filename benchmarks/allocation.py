"""Exact allocation of official counts, as `seatcast allocate` does it."""

from pathlib import Path

import numpy as np

from seatcast.engine import ElectionSystem, Threshold, TiePolicy, ballots_from_counts, get_method
from seatcast.engine.config.reader import load_config
from seatcast.engine.rules.linkage import allocate_chamber

CONFIGS = Path(__file__).resolve().parents[1] / "configs"


class ExactAllocation:
    """One exact allocation of 15 parties' integer votes."""

    params = (["hare", "droop", "dhondt", "sainte-lague", "huntington-hill"], [69, 600])
    param_names = ["method", "n_seats"]

    def setup(self, method, n_seats):
        votes = np.random.default_rng(7).integers(10_000, 3_000_000, size=15)
        self.ballots = ballots_from_counts({f"party {i}": int(v) for i, v in enumerate(votes)})
        self.system = ElectionSystem(n_seats, get_method(method), Threshold(), TiePolicy("lot"))

    def time_allocate(self, method, n_seats):
        self.system.allocate(self.ballots)


class BundledConfig:
    """Reading, validating and allocating a bundled real election, whole chambers by tier."""

    params = [
        "kazakhstan-2023.toml",
        "sweden-2022.toml",
        "sweden-2022-chamber.toml",
        "germany-2025.toml",
        "new-zealand-2008.toml",
        "new-zealand-2020.toml",
        "scotland-2021.toml",
        "czechia-2021.toml",
    ]
    param_names = ["config"]

    def time_load_and_allocate(self, config):
        loaded = load_config(CONFIGS / config)
        allocate_chamber(loaded.system, loaded.ballots, loaded.chamber, loaded.constituencies)
