"""The [cluster] section, its flags, and the SLURM/PBS job scripts dask-jobqueue writes from it."""

import re

import pytest

from seatcast.engine.config.cluster import ClusterSettings
from seatcast.engine.config.reader import load_config
from seatcast.engine.errors import ConfigError
from seatcast.engine.run.clusters import jobqueue_cluster
from tests.configs import CONFIGS, KAZAKHSTAN, write_config

SLURM = CONFIGS / "kazakhstan-2023-slurm.toml"


def test_without_a_cluster_section_dask_starts_a_local_cluster():
    settings = load_config(KAZAKHSTAN).cluster
    assert settings == ClusterSettings()
    assert settings.kind == "local"
    assert settings.worker_environment() == {"NUMBA_NUM_THREADS": "1"}


def test_the_bundled_slurm_config_describes_its_jobs():
    settings = load_config(SLURM).cluster
    assert (settings.kind, settings.queue, settings.jobs) == ("slurm", "compute", 8)
    assert settings.worker_environment()["NUMBA_NUM_THREADS"] == "1"
    assert "NUMBA_CACHE_DIR" in settings.worker_environment()


@pytest.mark.parametrize("kind", ["slurm", "pbs"])
def test_job_scripts_carry_queue_resources_and_numba_settings(kind):
    settings = ClusterSettings(
        kind=kind,
        queue="compute",
        cores=8,
        memory="16GB",
        walltime="02:00:00",
        numba_cache_dir="/tmp/numba-cache",
        job_extra=("--constraint=cpu",) if kind == "slurm" else ("-l place=scatter",),
    )
    with jobqueue_cluster(settings) as cluster:
        script = cluster.job_script()
    assert "export NUMBA_NUM_THREADS=1" in script
    assert "export NUMBA_CACHE_DIR=/tmp/numba-cache" in script
    assert "mkdir -p /tmp/numba-cache" in script
    assert "--nworkers 8" in script and "--nthreads 1" in script
    if kind == "slurm":
        assert "#SBATCH -p compute" in script
        assert "#SBATCH -t 02:00:00" in script
        assert "#SBATCH --constraint=cpu" in script
    else:
        assert "#PBS -q compute" in script
        assert "#PBS -l walltime=02:00:00" in script


def test_flags_override_the_section():
    settings = ClusterSettings(kind="slurm", queue="compute")
    assert settings.with_flags(cluster="local", workers=3).kind == "local"
    scheduler = settings.with_flags(scheduler="tcp://10.0.0.5:8786")
    assert (scheduler.kind, scheduler.address) == ("scheduler", "tcp://10.0.0.5:8786")


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('kind = "kubernetes"', "cluster.kind must be one of local, scheduler, slurm, pbs"),
        ('kind = "slurm"\nqueues = "a"', "unknown key 'queues' in [cluster]; did you mean 'queue'"),
        ("jobs = 0", "cluster.jobs must be a whole number of at least 1"),
        ("job_extra = [1]", "cluster.job_extra must be a list of strings"),
        ('kind = "scheduler"', "needs an address"),
    ],
)
def test_bad_cluster_sections_are_refused(tmp_path, section, message):
    text = KAZAKHSTAN.read_text(encoding="utf-8") + f"\n[cluster]\n{section}\n"
    path = write_config(tmp_path, text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_config(path).cluster.with_flags()
