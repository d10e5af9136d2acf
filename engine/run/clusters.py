"""Dask clusters for ``--backend dask``: a running scheduler, a LocalCluster, or SLURM/PBS jobs.

Started from :class:`~seatcast.engine.config.cluster.ClusterSettings`, the
``[cluster]`` section of a config with the command line's flags applied.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from seatcast.engine.errors import ConfigError

if TYPE_CHECKING:
    from dask_jobqueue import PBSCluster, SLURMCluster
    from distributed import Client, LocalCluster

    from seatcast.engine.config.cluster import ClusterSettings

#: Seconds to wait for a running scheduler to answer.
CONNECT_TIMEOUT = 10


def local_cluster(settings: "ClusterSettings") -> "LocalCluster":
    """A ``distributed.LocalCluster`` of single-threaded worker processes on this machine.

    Parameters
    ----------
    settings : ClusterSettings
        ``workers`` (default: every core) and the workers' environment.

    Returns
    -------
    distributed.LocalCluster
    """
    from distributed import LocalCluster

    from seatcast.engine.run.runner import default_threads

    return LocalCluster(
        n_workers=settings.workers or default_threads(),
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: never clash with another cluster
        env=settings.worker_environment(),
    )


def jobqueue_cluster(settings: "ClusterSettings") -> "SLURMCluster | PBSCluster":
    """A dask-jobqueue SLURMCluster or PBSCluster from the settings (no jobs started yet).

    Parameters
    ----------
    settings : ClusterSettings
        ``kind`` (``slurm`` or ``pbs``), the jobs' resources and the workers'
        environment.

    Returns
    -------
    dask_jobqueue.SLURMCluster or dask_jobqueue.PBSCluster

    Raises
    ------
    ConfigError
        If dask-jobqueue is not installed (``pip install "seatcast[hpc]"``).
    """
    try:
        import dask_jobqueue
    except ImportError:
        raise ConfigError(
            f'a {settings.kind} cluster needs dask-jobqueue: pip install "seatcast[hpc]"'
        ) from None
    cls = dask_jobqueue.SLURMCluster if settings.kind == "slurm" else dask_jobqueue.PBSCluster
    prologue = [f"export {name}={value}" for name, value in settings.worker_environment().items()]
    if settings.numba_cache_dir:
        prologue.append(f"mkdir -p {settings.numba_cache_dir}")
    return cls(
        queue=settings.queue,
        account=settings.account,
        cores=settings.cores,
        processes=settings.processes or settings.cores,
        memory=settings.memory,
        walltime=settings.walltime,
        job_script_prologue=prologue,
        job_extra_directives=list(settings.job_extra),
        interface=settings.interface,
    )


@contextmanager
def dask_client(settings: "ClusterSettings") -> Iterator["Client"]:
    """A ``distributed.Client`` on the cluster the settings describe; closed on exit.

    Parameters
    ----------
    settings : ClusterSettings

    Yields
    ------
    distributed.Client
    """
    try:
        from distributed import Client
    except ImportError:
        extra = "hpc" if settings.kind in ("slurm", "pbs") else "dask"
        raise ConfigError(f'--backend dask needs Dask: pip install "seatcast[{extra}]"') from None

    if settings.kind == "scheduler":
        try:
            client = Client(settings.address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as error:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {settings.address} ({error})"
            ) from None
        with client:
            yield client
        return
    if settings.kind == "local":
        cluster = local_cluster(settings)
    else:
        cluster = jobqueue_cluster(settings)
        cluster.scale(jobs=settings.jobs)
    with cluster, Client(cluster) as client:
        yield client
