"""Election night: time per snapshot of the synthetic Kazakhstan 2023 replay, and the whole replay.

Snapshot 01 has every region still counting, 05 about a third of the ballots
counted, 09 nine in ten (most regions finished: only unfinished regions are
simulated, so late snapshots are cheaper).
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from seatcast.engine.config import load_config
from seatcast.engine.election_night import SHARE_BINS, nowcast_inputs
from seatcast.engine.runner import run_simulation
from seatcast.engine.simulation import build_simulation

NIGHT = Path(__file__).resolve().parents[1] / "configs" / "kazakhstan-2023-election-night.toml"
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
        self.simulation = build_simulation(counted, model=model, share_bins=SHARE_BINS)
        run_simulation(self.simulation, n_draws=100, seed=0, chunk_size=100)  # compile

    def time_1M_draws(self, snapshot, threads):
        run_simulation(
            self.simulation, n_draws=1_000_000, seed=1, chunk_size=CHUNK_SIZE, threads=threads
        )


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
                   "--draws", str(draws), "-o", str(output / "replay.nc"),
                   "--plot", str(output / "replay.png"), "--quiet"]  # fmt: skip
        subprocess.run(command, check=True)
