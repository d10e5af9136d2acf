"""Dask against the thread pool on the same run: the overhead of scheduling chunks as tasks.

Kazakhstan 2023 (logit-normal, sd 0.05), 10^7 and 10^8 draws in chunks of 10^6, on
two threads of this process and on a two-worker ``distributed.LocalCluster``
(one thread per worker).  The kernels are warmed in ``setup`` on both, so
neither time includes compiling.
"""

from pathlib import Path

from distributed import Client

from seatcast.engine.clusters import ClusterSettings, local_cluster
from seatcast.engine.config import load_config
from seatcast.engine.dask_backend import DaskBackend
from seatcast.engine.runner import ThreadBackend, run_simulation
from seatcast.engine.simulation import build_simulation

KAZAKHSTAN = Path(__file__).resolve().parents[1] / "configs" / "kazakhstan-2023.toml"
CHUNK_SIZE = 1_000_000


class DaskOverhead:
    params = [[10_000_000, 100_000_000], ["threads", "dask"]]
    param_names = ["draws", "backend"]
    timeout = 600
    number = 1
    repeat = 3
    warmup_time = 0

    def setup(self, draws, backend):
        self.simulation = build_simulation(load_config(KAZAKHSTAN))
        self.simulation.run_chunk(0, 0, chunk_size=1, n_draws=1)  # compile here
        if backend == "threads":
            self.backend, self.cluster, self.client = ThreadBackend(2), None, None
            return
        self.cluster = local_cluster(ClusterSettings(workers=2))
        self.client = Client(self.cluster)
        self.backend = DaskBackend(self.client)
        self.backend.warm(self.simulation)

    def teardown(self, draws, backend):
        if self.client is not None:
            self.client.close()
            self.cluster.close()

    def time_run(self, draws, backend):
        run_simulation(
            self.simulation,
            n_draws=draws,
            seed=1,
            chunk_size=CHUNK_SIZE,
            backend=self.backend,
        )
