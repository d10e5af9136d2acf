"""Rule sweeps: what a threshold grid and a list of methods cost against a single run.

Kazakhstan 2023 (7 parties and "against all", Hare, 69 seats, logit-normal
sd 0.05), 1,000,000 draws on one thread.  The threshold grid runs from 3 %
in steps of 0.07 points: 1 point (the single run) or 100 points (to 9.93 %).
The ratio of the two is the cost of the grid; the issue's bar is about 3.
"""

from fractions import Fraction
from pathlib import Path

from benchmarks import scaled
from seatcast.engine.config.reader import load_config
from seatcast.engine.config.sweep import Sweep
from seatcast.engine.rules.methods import get_method
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import run_plan

CONFIGS = Path(__file__).resolve().parents[1] / "configs"
DRAWS = 1_000_000
CHUNK_SIZE = 100_000


def _grid(points):
    return tuple(Fraction(3, 100) + index * Fraction(7, 10_000) for index in range(points))


class ThresholdGrid:
    """A run of 10^6 draws with a threshold grid of 1 or 100 points, and 1 or 3 methods."""

    params = ([1, 100], [1, 3])
    param_names = ["thresholds", "methods"]
    number = 1
    repeat = 3
    timeout = 600

    def setup(self, thresholds, methods):
        config = load_config(CONFIGS / "kazakhstan-2023.toml")
        names = ("hare", "dhondt", "sainte-lague")[:methods]
        sweep = Sweep(
            thresholds=_grid(thresholds), methods=tuple(get_method(name) for name in names)
        )
        self.plan = build_plan(config, sweep=sweep)
        run_plan(self.plan, n_draws=100, seed=0, chunk_size=100)

    def time_1M_draws(self, thresholds, methods):
        run_plan(self.plan, n_draws=scaled(DRAWS), seed=1, chunk_size=CHUNK_SIZE)
