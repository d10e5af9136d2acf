"""Dask against the thread pool on the same run: the overhead of scheduling chunks as tasks.

Kazakhstan 2023 (logit-normal, sd 0.05), 10^7 and 10^8 draws in chunks of 10^6, on
two threads of this process and on a two-worker ``distributed.LocalCluster``
(one thread per worker).  The kernels are warmed in ``setup`` on both, so
neither time includes compiling.

A scenario batch (the six scenarios of ``kazakhstan-2023-scenarios.toml``,
10^6 draws each) run as one batch of (scenario, chunk) units, against the
same scenarios run one after the other, on either backend.
"""

from pathlib import Path

from distributed import Client

from benchmarks import scaled
from seatcast.engine.config.cluster import ClusterSettings
from seatcast.engine.config.reader import load_config
from seatcast.engine.run.clusters import local_cluster
from seatcast.engine.run.dask_backend import DaskBackend
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import ThreadBackend, run_plan, run_plans

CONFIGS = Path(__file__).resolve().parents[1] / "configs"
KAZAKHSTAN = CONFIGS / "kazakhstan-2023.toml"
CHUNK_SIZE = 1_000_000


class DaskOverhead:
    params = [[10_000_000, 100_000_000], ["threads", "dask"]]
    param_names = ["draws", "backend"]
    timeout = 600
    number = 1
    repeat = 3
    warmup_time = 0

    def setup(self, draws, backend):
        self.plan = build_plan(load_config(KAZAKHSTAN))
        self.backend, self.cluster, self.client = two_workers(backend, [self.plan])

    def teardown(self, draws, backend):
        close(self.cluster, self.client)

    def time_run(self, draws, backend):
        run_plan(
            self.plan,
            n_draws=scaled(draws),
            seed=1,
            chunk_size=CHUNK_SIZE,
            backend=self.backend,
        )


class ScenarioBatch:
    params = [["batch", "one by one"], ["threads", "dask"]]
    param_names = ["scenarios", "backend"]
    timeout = 600
    number = 1
    repeat = 3
    warmup_time = 0

    def setup(self, mode, backend):
        config = load_config(CONFIGS / "kazakhstan-2023-scenarios.toml")
        self.plans = [build_plan(scenario.config) for scenario in config.scenarios]
        self.backend, self.cluster, self.client = two_workers(backend, self.plans)

    def teardown(self, mode, backend):
        close(self.cluster, self.client)

    def time_run(self, mode, backend):
        run = {"n_draws": scaled(1_000_000), "seed": 1, "chunk_size": 100_000}
        run["backend"] = self.backend
        if mode == "batch":
            run_plans(self.plans, **run)
            return
        for plan in self.plans:
            run_plan(plan, **run)


def two_workers(backend, plans):
    """Two threads here, or a two-worker LocalCluster, with the kernels warmed on them."""
    for plan in plans:
        plan.run_chunk(0, 0, chunk_size=1, n_draws=1)  # compile here
    if backend == "threads":
        return ThreadBackend(2), None, None
    cluster = local_cluster(ClusterSettings(workers=2))
    client = Client(cluster)
    dask = DaskBackend(client)
    dask.warm(plans)
    return dask, cluster, client


def close(cluster, client):
    """Close a cluster that :func:`two_workers` started."""
    if client is not None:
        client.close()
        cluster.close()
