"""Monte Carlo runs: draws per second and peak memory, as `seatcast run` makes them.

(A) 8 parties, 69 seats, Hare quota, 5 % threshold, logit-normal noise.
(B) 15 parties, 600 seats, D'Hondt, 3 % threshold, logit-normal noise.
Draws per second = draws / time.  The bar for the whole command is
:class:`KazakhstanRun` against :class:`NumpyNormals` at 60 million draws.
"""

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import numpy as np

from benchmarks import scaled
from seatcast.engine.config.reader import build_config
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import run_plan

CONFIGS = Path(__file__).resolve().parents[1] / "configs"
CHUNK_SIZE = 100_000


def _case(name):
    rng = np.random.default_rng(3)
    if name == "A":
        n_parties, seats, method, threshold = 8, 69, "hare", "0.05"
    else:
        n_parties, seats, method, threshold = 15, 600, "dhondt", "0.03"
    votes = rng.dirichlet(np.full(n_parties, 2.0)) * 5_000_000
    data = {
        "rules": {"seats": seats, "method": method, "threshold": Decimal(threshold)},
        "votes": {f"party {i}": int(v) for i, v in enumerate(votes)},
        "model": {"kind": "logit-normal", "sd": Decimal("0.1")},
    }
    return build_plan(build_config(data))


def _warm(plan):
    run_plan(plan, n_draws=100, seed=0, chunk_size=100)


class Simulate:
    """10 million draws of case A or B on 1 or 2 threads."""

    params = (["A", "B"], [1, 2])
    param_names = ["case", "threads"]
    number = 1
    repeat = 3
    timeout = 600

    def setup(self, case, threads):
        self.plan = _case(case)
        _warm(self.plan)

    def time_10M_draws(self, case, threads):
        draws = scaled(10_000_000)
        run_plan(self.plan, n_draws=draws, seed=1, chunk_size=CHUNK_SIZE, threads=threads)


class SimulateMemory:
    """Peak memory of a run of case A: flat in the number of draws."""

    params = [1_000_000, 100_000_000]
    param_names = ["draws"]
    timeout = 900

    def setup(self, draws):
        self.plan = _case("A")
        _warm(self.plan)

    def peakmem_run(self, draws):
        run_plan(self.plan, n_draws=scaled(draws), seed=1, chunk_size=CHUNK_SIZE, threads=2)


class KazakhstanRun:
    """The whole `seatcast run configs/kazakhstan-2023.toml --threads 2`, process start included."""

    params = [1_000_000, 60_000_000]
    param_names = ["draws"]
    number = 1
    repeat = 3
    timeout = 600

    def setup(self, draws):
        self.output = Path(__file__).resolve().parents[1] / ".asv" / "kazakhstan-bench.nc"
        self.output.parent.mkdir(exist_ok=True)

    def teardown(self, draws):
        self.output.unlink(missing_ok=True)

    def time_seatcast_run(self, draws):
        command = [sys.executable, "-m", "seatcast.engine.cli", "run"]
        command += [str(CONFIGS / "kazakhstan-2023.toml"), "-o", str(self.output)]
        command += ["--draws", str(scaled(draws)), "--threads", "2", "--seed", "1", "--quiet"]
        subprocess.run(command, check=True)


class NumpyNormals:
    """NumPy alone drawing as many 8-wide standard-normal vectors on one thread."""

    params = [1_000_000, 60_000_000]
    param_names = ["draws"]
    number = 1
    repeat = 3

    def time_standard_normal(self, draws):
        rng = np.random.default_rng(1)
        draws = scaled(draws)
        for start in range(0, draws, 1_000_000):
            rng.standard_normal((min(1_000_000, draws - start), 8))
