"""Whole chambers: both tiers drawn, allocated and linked in one kernel pass.

Each real chamber runs once with its constituency tier simulated and once
with the list tier alone (the same config without ``[constituencies]`` and
``[chamber]``), so that the cost of the second tier reads as a ratio:

- Germany 2025: 299 constituencies (2,653 candidates) and 630 seats by
  Sainte-Laguë, linked without overhang (``mmp-capped``).
- New Zealand 2020: 72 electorates (601 candidates) and 120 seats by
  Sainte-Laguë, with overhang (``mmp``).

One million draws on 2 threads; draws per second = draws / time.
"""

from pathlib import Path

from benchmarks import scaled
from seatcast.engine.config.reader import build_config, read_toml
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import run_plan

CONFIGS = Path(__file__).resolve().parents[1] / "configs"
FILES = {"germany-2025": "germany-2025.toml", "new-zealand-2020": "new-zealand-2020.toml"}
DRAWS = 1_000_000
CHUNK_SIZE = 100_000


def chamber_plan(name, tiers):
    """The plan of a bundled chamber, with its constituency tier (``tiers == 2``) or without."""
    path = CONFIGS / FILES[name]
    data, text = read_toml(path)
    if tiers == 1:
        data.pop("constituencies")
        data.pop("chamber")
    plan = build_plan(build_config(data, text=text, path=path))
    run_plan(plan, n_draws=100, seed=0, chunk_size=100)
    return plan


class WholeChamber:
    """A million draws of a real chamber, two tiers or the list tier alone, on 2 threads."""

    params = (list(FILES), [1, 2])
    param_names = ["chamber", "tiers"]
    number = 1
    repeat = 3
    timeout = 600

    def setup(self, chamber, tiers):
        self.plan = chamber_plan(chamber, tiers)

    def time_1M_draws(self, chamber, tiers):
        run_plan(self.plan, n_draws=scaled(DRAWS), seed=1, chunk_size=CHUNK_SIZE, threads=2)

    def peakmem_1M_draws(self, chamber, tiers):
        run_plan(self.plan, n_draws=scaled(DRAWS), seed=1, chunk_size=CHUNK_SIZE, threads=2)
