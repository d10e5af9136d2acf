"""Chunks on a real Dask LocalCluster give the thread pool's counts, bit for bit."""

import numpy as np
import pytest
from distributed import Client

from seatcast.engine.cli.main import main
from seatcast.engine.config.cluster import ClusterSettings
from seatcast.engine.config.reader import load_config
from seatcast.engine.results.files import open_results
from seatcast.engine.run import clusters
from seatcast.engine.run.clusters import local_cluster
from seatcast.engine.run.dask_backend import DaskBackend, kernel_signatures
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.simulate import simulate
from tests.configs import CONFIGS, KAZAKHSTAN, config_with
from tests.engine.config.test_scenarios import with_scenarios

RUN = {"n_draws": 230_000, "seed": 31, "chunk_size": 20_000, "indices": True}
COUNTS = ("seat_count", "pass_count", "coalition_majority_count", "draws", "gallagher_count")


def local_client(workers):
    cluster = local_cluster(ClusterSettings(workers=workers))
    return cluster, Client(cluster)


@pytest.fixture(scope="module", params=[1, 2], ids=["1-worker", "2-workers"])
def client(request):
    cluster, client = local_client(request.param)
    with cluster, client:
        yield client


@pytest.fixture(scope="module")
def config():
    return config_with(
        model={"kind": "logit-normal", "sd": 0.1},
        sweep={"threshold": [0.03, 0.05, 0.07]},
    )


@pytest.fixture(scope="module")
def threaded(config):
    return simulate(config, threads=2, **RUN)


def test_dask_counts_are_identical_to_the_thread_pool(client, config, threaded):
    result = simulate(config, backend=DaskBackend(client), **RUN)
    assert len(client.nthreads()) in (1, 2)
    for name in COUNTS:
        assert np.array_equal(result[name].values, threaded[name].values), name
    assert result.attrs["backend"] == "dask"
    assert threaded.attrs["backend"] == "threads"


def test_districts_on_dask_are_identical_too(client):
    config = load_czechia()
    run = {"n_draws": 6_000, "seed": 2, "chunk_size": 1_000}
    on_dask = simulate(config, backend=DaskBackend(client), **run)
    on_threads = simulate(config, threads=1, **run)
    for name in ("seat_count", "district_seat_sum", "district_win_count"):
        assert np.array_equal(on_dask[name].values, on_threads[name].values), name


def test_whole_chambers_on_dask_are_identical_too(client):
    chamber = load_config(CONFIGS / "new-zealand-2020.toml")
    run = {"n_draws": 4_000, "seed": 5, "chunk_size": 1_000}
    on_dask = simulate(chamber, backend=DaskBackend(client), **run)
    on_threads = simulate(chamber, threads=2, **run)
    for name in ("seat_count", "tier_seat_count", "chamber_size_count", "majority_count"):
        assert np.array_equal(on_dask[name].values, on_threads[name].values), name


def test_a_dask_shard_and_a_thread_shard_combine(client, config, threaded):
    from seatcast.engine.run.shards import combine

    first = simulate(config, backend=DaskBackend(client), chunks=(0, 5), **RUN)
    second = simulate(config, threads=1, chunks=(5, 12), **RUN)
    combined = combine([first, second])
    for name in COUNTS:
        assert np.array_equal(combined[name].values, threaded[name].values), name
    assert combined.attrs["backend"] == "dask+threads"


def test_a_scenario_batch_on_dask_is_identical_too(client):
    config = with_scenarios(
        {"name": "official"},
        {"name": "D'Hondt", "rules": {"method": "dhondt"}},
        {"name": "poll", "model": {"kind": "dirichlet", "sample_size": 1500}},
    )
    run = {"n_draws": 9_000, "seed": 4, "chunk_size": 2_000, "indices": True}
    on_dask = simulate(config, backend=DaskBackend(client), **run)
    on_threads = simulate(config, threads=2, **run)
    for name in COUNTS:
        assert on_dask[name].equals(on_threads[name]), name


def test_a_dask_checkpoint_resumes_on_threads(client, config, threaded, tmp_path):
    simulate(config, backend=DaskBackend(client), checkpoint=tmp_path, **RUN)
    progress = []
    resumed = simulate(
        config, threads=1, checkpoint=tmp_path, progress=lambda *p: progress.append(p), **RUN
    )
    assert progress == [(RUN["n_draws"], RUN["n_draws"])]  # every chunk from the checkpoint
    for name in COUNTS:
        assert np.array_equal(resumed[name].values, threaded[name].values), name


def test_scenarios_of_the_same_kernel_types_are_warmed_once():
    config = with_scenarios(
        {"name": "a"},
        {"name": "b", "rules": {"threshold": 0.07}},
        {"name": "c", "rules": {"method": "dhondt"}},  # a divisor table: another type
        {"name": "d", "model": {"kind": "dirichlet", "sample_size": 1500}},
        {"name": "e", "model": {"kind": "dirichlet", "concentration": 300}},
    )
    plans = [build_plan(scenario.config) for scenario in config.scenarios]
    assert kernel_signatures(plans) == [plans[k] for k in (0, 2, 3)]


def load_czechia():
    from seatcast.engine.config.reader import load_config

    return load_config(CONFIGS / "czechia-2017.toml")


def test_run_on_a_local_cluster_from_the_command_line(tmp_path, capsys):
    common = [str(KAZAKHSTAN), "--draws", "60000", "--chunk-size", "10000", "--seed", "8"]
    on_dask = tmp_path / "dask.nc"
    args = ["--backend", "dask", "--cluster", "local", "--workers", "2", "--quiet"]
    assert main(["run", *common, *args, "-o", str(on_dask)]) == 0
    assert main(["run", *common, "--quiet", "-o", str(tmp_path / "threads.nc")]) == 0
    dask_result, thread_result = open_results(on_dask), open_results(tmp_path / "threads.nc")
    assert dask_result.attrs["backend"] == "dask"
    assert np.array_equal(dask_result["seat_count"].values, thread_result["seat_count"].values)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "2"], "--workers needs --backend dask"),
        (["--cluster", "local"], "--cluster needs --backend dask"),
        (["--backend", "dask", "--cluster", "kubernetes"], "--cluster must be one of"),
        (
            ["--backend", "dask", "--cluster", "local", "--scheduler", "tcp://x:1"],
            "give --scheduler or --cluster, not both",
        ),
        (["--backend", "dask", "--workers", "0"], "--workers must be at least 1"),
    ],
)
def test_bad_dask_flags_exit_2_without_output(tmp_path, capsys, args, message):
    out = tmp_path / "seats.nc"
    assert main(["run", str(KAZAKHSTAN), "--draws", "1000", *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_run_on_a_running_scheduler_by_its_address(tmp_path):
    cluster, client = local_client(1)
    with cluster, client:
        common = [str(KAZAKHSTAN), "--draws", "30000", "--chunk-size", "10000", "--seed", "8"]
        out = tmp_path / "seats.nc"
        args = ["--backend", "dask", "--scheduler", cluster.scheduler_address, "--quiet"]
        assert main(["run", *common, *args, "-o", str(out)]) == 0
    assert open_results(out).attrs["backend"] == "dask"


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(clusters, "CONNECT_TIMEOUT", 1)
    out = tmp_path / "seats.nc"
    args = ["--backend", "dask", "--scheduler", "tcp://127.0.0.1:1", "-o", str(out)]
    assert main(["run", str(KAZAKHSTAN), "--draws", "1000", *args]) == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in capsys.readouterr().err
    assert not out.exists()
