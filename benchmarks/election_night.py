"""Election night: time per snapshot of the synthetic Kazakhstan 2023 replay, and the whole replay;
a snapshot of the Poland 2023 night on known units, and its fit alone.

Kazakhstan: snapshot 01 has every region still counting, 05 about a third of
the ballots counted, 09 nine in ten (most regions finished: only unfinished
regions are simulated, so late snapshots are cheaper).

Poland: the "25%" snapshot of configs/poland-sejm-2023-election-night.toml
has 1,465 of the 2,583 units counted; D'Hondt in 41 districts.  Its nowcast
fits the counted units first (a ridge fit with held-out blocks), then draws
41 districts by 12 lists per draw.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import scaled
from seatcast.engine.config.reader import load_config
from seatcast.engine.run.election_night import SHARE_BINS, nowcast, nowcast_inputs, prepare_night
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import run_plan
from seatcast.models.unit_nowcast import UnitNowcastModel
from seatcast.models.units import align_snapshot

CONFIGS = Path(__file__).resolve().parents[1] / "configs"
NIGHT = CONFIGS / "kazakhstan-2023-election-night.toml"
POLAND = CONFIGS / "poland-sejm-2023-election-night.toml"
CHUNK_SIZE = 100_000


class NowcastSnapshot:
    """10^6 draws of one snapshot, share histograms included, on 1 or 2 threads."""

    params = (["05", "01", "09"], [1, 2])
    param_names = ["snapshot", "threads"]
    number = 1
    repeat = 3
    timeout = 600

    def setup(self, snapshot, threads):
        config = load_config(NIGHT)
        (chosen,) = [s for s in config.nowcast.read() if s.label == snapshot]
        counted, model = nowcast_inputs(config, chosen)
        self.plan = build_plan(counted, model=model, share_bins=SHARE_BINS)
        run_plan(self.plan, n_draws=100, seed=0, chunk_size=100)  # compile

    def time_1M_draws(self, snapshot, threads):
        draws = scaled(1_000_000)
        run_plan(self.plan, n_draws=draws, seed=1, chunk_size=CHUNK_SIZE, threads=threads)


class ReplayCommand:
    """`seatcast replay` of the ten demo snapshots, plot included, as a user runs it."""

    params = [100_000, 1_000_000]
    param_names = ["draws"]
    number = 1
    repeat = 2
    timeout = 600

    def setup(self, draws):
        self.folder = tempfile.TemporaryDirectory()

    def teardown(self, draws):
        self.folder.cleanup()

    def time_seatcast_replay(self, draws):
        output = Path(self.folder.name)
        command = [sys.executable, "-m", "seatcast.engine.cli", "replay", str(NIGHT),
                   "--draws", str(scaled(draws)), "-o", str(output / "replay.nc"),
                   "--plot", str(output / "replay.png"), "--quiet"]  # fmt: skip
        subprocess.run(command, check=True)


def _poland(label):
    """The Poland 2023 election-night config and its snapshot ``label``."""
    config = load_config(POLAND)
    (chosen,) = [s for s in config.nowcast.read() if s.label == label]
    return config, chosen


class PolandNowcast:
    """`nowcast` of Poland 2023's "25%" snapshot on 2 threads, the fit of the units included.

    The units, the previous result and their covariates are read once, as a
    replay does (``prepare_night``); the first size is the one the test suite runs.
    """

    params = [10**5, 10**6]
    param_names = ["draws"]
    number = 1
    repeat = 3
    timeout = 600

    def setup(self, draws):
        self.config, self.snapshot = _poland("25%")
        self.night = prepare_night(self.config)
        self._nowcast(100, chunk_size=100, seed=0)  # compile and warm

    def _nowcast(self, draws, chunk_size=CHUNK_SIZE, seed=1):
        return nowcast(
            self.config,
            self.snapshot,
            night=self.night,
            n_draws=scaled(draws),
            chunk_size=chunk_size,
            threads=2,
            seed=seed,
        )

    def time_nowcast(self, draws):
        self._nowcast(draws)


class PolandFit:
    """The fit of the counted units alone: a fresh model's kernel params, per snapshot."""

    params = ["25%", "05%", "75%"]
    param_names = ["snapshot"]
    number = 1
    repeat = 5
    timeout = 300

    def setup(self, snapshot):
        config, chosen = _poland(snapshot)
        night = prepare_night(config)
        self.model = {
            "names": config.nowcast.components,
            "units": night.units,
            "count": align_snapshot(chosen, night.units),
            "design": night.design,
            "district_names": config.system.districts.names,
        }

    def time_fit(self, snapshot):
        UnitNowcastModel(**self.model).kernel_params()
