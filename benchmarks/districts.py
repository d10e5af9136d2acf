"""Districts: chambers allocated district by district on every draw.

Poland's Sejm 2019 (configs/poland-sejm-2019.toml): 41 districts, 10 lists,
460 seats by D'Hondt, a national 5 % threshold (8 % for the coalition, the
German minority exempt), a national swing (sd 0.05) plus district noise
(sd 0.03).  200,000 draws on one thread: each draw is 41 allocations.
"""

from pathlib import Path

from benchmarks import scaled
from seatcast.engine.config.reader import load_config
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import run_plan

CONFIGS = Path(__file__).resolve().parents[1] / "configs"
DRAWS = 200_000
CHUNK_SIZE = 50_000


class PolandSejm:
    """A run of 200,000 draws of Poland's 41 districts."""

    number = 1
    repeat = 3
    timeout = 600

    def setup(self):
        config = load_config(CONFIGS / "poland-sejm-2019.toml")
        self.plan = build_plan(config)
        run_plan(self.plan, n_draws=100, seed=0, chunk_size=100)

    def time_200k_draws(self):
        run_plan(self.plan, n_draws=scaled(DRAWS), seed=1, chunk_size=CHUNK_SIZE)

    def peakmem_200k_draws(self):
        run_plan(self.plan, n_draws=scaled(DRAWS), seed=1, chunk_size=CHUNK_SIZE)


class DistrictTiers:
    """200,000 draws of the district rules of a second tier, on one thread.

    Czechia 2021 (``czechia-2021.toml``): 14 regions by whole Imperiali
    quotas, the remainders pooled nationally.  Scotland 2021
    (``scotland-2021.toml``): 8 regions whose D'Hondt claims start at the
    constituency seats held there.
    """

    params = ["czechia-2021", "scotland-2021"]
    param_names = ["config"]
    number = 1
    repeat = 3
    timeout = 600

    def setup(self, config):
        self.plan = build_plan(load_config(CONFIGS / f"{config}.toml"))
        run_plan(self.plan, n_draws=100, seed=0, chunk_size=100)

    def time_200k_draws(self, config):
        run_plan(self.plan, n_draws=scaled(DRAWS), seed=1, chunk_size=CHUNK_SIZE)
