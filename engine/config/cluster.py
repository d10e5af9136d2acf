"""The ``[cluster]`` section: where ``--backend dask`` runs chunks.

The ``[cluster]`` section of a config describes where the chunks run; the
flags ``--scheduler``, ``--cluster`` and ``--workers`` override it::

    [cluster]
    kind = "slurm"                 # "local", "scheduler", "slurm" or "pbs"
    queue = "compute"              # partition (SLURM) or queue (PBS)
    account = "elections"          # optional
    cores = 32                     # cores per job
    processes = 32                 # Dask workers per job (one thread each)
    memory = "64GB"                # per job
    walltime = "02:00:00"
    jobs = 8                       # jobs to start
    numba_cache_dir = "/tmp/$USER/numba"   # node-local: compile once per node
    numba_threads = 1              # NUMBA_NUM_THREADS of each worker
    job_extra = ["--constraint=cpu"]       # more #SBATCH / #PBS lines
    # kind = "scheduler"; address = "tcp://10.0.0.5:8786"
    # kind = "local"; workers = 4

Workers run one chunk per thread, with numba's own parallelism off
(``NUMBA_NUM_THREADS=1``) unless ``numba_threads`` says otherwise.
"""

from dataclasses import dataclass, field, replace

from seatcast.engine.config.table import Table
from seatcast.engine.errors import ConfigError

KINDS = ("local", "scheduler", "slurm", "pbs")

#: Keys of the ``[cluster]`` section.
CLUSTER_KEYS = (
    "kind",
    "address",
    "workers",
    "queue",
    "account",
    "cores",
    "processes",
    "memory",
    "walltime",
    "jobs",
    "numba_cache_dir",
    "numba_threads",
    "job_extra",
    "interface",
)


@dataclass(frozen=True)
class ClusterSettings:
    """Where ``--backend dask`` runs chunks; see the module docstring for the keys."""

    kind: str = "local"
    address: str | None = None
    workers: int | None = None
    queue: str | None = None
    account: str | None = None
    cores: int = 1
    processes: int | None = None
    memory: str = "4GB"
    walltime: str = "01:00:00"
    jobs: int = 1
    numba_cache_dir: str | None = None
    numba_threads: int = 1
    job_extra: tuple[str, ...] = field(default_factory=tuple)
    interface: str | None = None

    def with_flags(
        self,
        *,
        scheduler: str | None = None,
        cluster: str | None = None,
        workers: int | None = None,
    ) -> "ClusterSettings":
        """These settings with the command line's ``--scheduler``/``--cluster``/``--workers``."""
        settings = self
        if scheduler is not None and cluster is not None:
            raise ConfigError("give --scheduler or --cluster, not both")
        if scheduler is not None:
            settings = replace(settings, kind="scheduler", address=scheduler)
        if cluster is not None:
            settings = replace(settings, kind=_kind(cluster, "--cluster"))
        if workers is not None:
            settings = replace(settings, workers=workers)
        if settings.kind == "scheduler" and not settings.address:
            raise ConfigError("a scheduler cluster needs an address (--scheduler ADDRESS)")
        return settings

    def worker_environment(self) -> dict[str, str]:
        """Environment variables each worker needs before numba is imported."""
        env = {"NUMBA_NUM_THREADS": str(self.numba_threads)}
        if self.numba_cache_dir:
            env["NUMBA_CACHE_DIR"] = self.numba_cache_dir
        return env


def read_cluster(table: Table | None) -> ClusterSettings:
    """The ``[cluster]`` section as :class:`ClusterSettings` (``table`` is a config Table)."""
    if table is None:
        return ClusterSettings()

    def count(key, default):
        value = table.take(key, int, default)
        if value is not None and value < 1:
            raise ConfigError(f"{table.label(key)} must be a whole number of at least 1")
        return value

    job_extra = table.take("job_extra", list, [])
    if not all(isinstance(line, str) for line in job_extra):
        raise ConfigError(f"{table.label('job_extra')} must be a list of strings")
    return ClusterSettings(
        kind=_kind(table.take("kind", str, "local"), table.label("kind")),
        address=table.take("address", str, None),
        workers=count("workers", None),
        queue=table.take("queue", str, None),
        account=table.take("account", str, None),
        cores=count("cores", 1),
        processes=count("processes", None),
        memory=table.take("memory", str, "4GB"),
        walltime=table.take("walltime", str, "01:00:00"),
        jobs=count("jobs", 1),
        numba_cache_dir=table.take("numba_cache_dir", str, None),
        numba_threads=count("numba_threads", 1),
        job_extra=tuple(job_extra),
        interface=table.take("interface", str, None),
    )


def _kind(value, label):
    kind = str(value).strip().lower()
    if kind not in KINDS:
        raise ConfigError(f"{label} must be one of {', '.join(KINDS)}, got {value!r}")
    return kind
