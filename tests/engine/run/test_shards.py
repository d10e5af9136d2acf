"""Shards of a run (``--chunks``) combine into exactly the result of one run of all chunks."""

import pytest

from seatcast.engine.cli.main import main
from seatcast.engine.config.reader import load_config
from seatcast.engine.errors import ConfigError
from seatcast.engine.results.files import open_results
from seatcast.engine.run.runner import ChunkRange
from seatcast.engine.run.shards import combine
from seatcast.engine.run.simulate import simulate
from tests.configs import CONFIGS, KAZAKHSTAN, config_with
from tests.engine.config.test_scenarios import with_scenarios

MODEL = {"kind": "logit-normal", "sd": 0.1}
RUN = {"n_draws": 47_000, "seed": 12, "chunk_size": 5_000, "threads": 1}  # 10 chunks, last short


@pytest.fixture(scope="module")
def config():
    return config_with(model=MODEL)


@pytest.fixture(scope="module")
def whole(config):
    return simulate(config, **RUN)


def assert_same_result(one, other):
    assert set(one.data_vars) == set(other.data_vars)
    for name in one.data_vars:
        assert one[name].equals(other[name]), name
    for key, value in one.attrs.items():
        if key not in ("created_at", "history"):
            assert other.attrs[key] == value, key


def test_a_whole_run_records_its_chunks(whole):
    assert (whole.attrs["chunks"], whole.attrs["n_chunks"]) == ("0:10", 10)
    assert (whole.attrs["run_draws"], whole.attrs["backend"]) == (47_000, "threads")


def test_shards_in_any_order_combine_into_the_whole_run(config, whole):
    shards = [simulate(config, chunks=chunks, **RUN) for chunks in ((6, 10), (0, 3), (3, 6))]
    assert [int(shard["draws"]) for shard in shards] == [17_000, 15_000, 15_000]
    assert shards[0].attrs["chunks"] == "6:10"
    assert_same_result(whole, combine(shards))


def test_a_sweep_and_districts_combine_exactly():
    config = config_with(CONFIGS / "czechia-2017.toml", sweep={"threshold": [0.04, 0.05, 0.06]})
    run = {"n_draws": 3_000, "seed": 4, "chunk_size": 1_000, "threads": 1}
    shards = [simulate(config, chunks=chunks, **run) for chunks in ((0, 1), (1, 3))]
    assert_same_result(simulate(config, **run), combine(shards))


@pytest.mark.parametrize(
    ("ranges", "message"),
    [
        (((0, 4), (3, 10)), "overlaps"),
        (((0, 4), (5, 10)), "chunks 4:5 are missing"),
        (((0, 4), (4, 9)), "chunks 9:10 are missing"),
        (((1, 10),), "chunks 0:1 are missing"),
    ],
)
def test_overlapping_or_missing_chunks_are_refused(config, ranges, message):
    shards = [simulate(config, chunks=chunks, **RUN) for chunks in ranges]
    with pytest.raises(ConfigError, match=message):
        combine(shards)


@pytest.mark.parametrize(
    ("change", "differs"),
    [
        ({"seed": 13}, "seed"),
        ({"chunk_size": 4_700}, "chunk_size"),
        ({"n_draws": 50_000}, "run_draws"),
    ],
)
def test_shards_of_other_runs_are_refused(config, change, differs):
    first = simulate(config, chunks=(0, 5), **RUN)
    second = simulate(config, chunks=(5, 10), **{**RUN, **change})
    with pytest.raises(ConfigError, match=f"its {differs} differs"):
        combine([first, second], names=["a.nc", "b.nc"])


def test_shards_of_another_config_are_refused(config):
    other = config_with(model={"kind": "logit-normal", "sd": 0.2})
    shards = [simulate(config, chunks=(0, 5), **RUN), simulate(other, chunks=(5, 10), **RUN)]
    with pytest.raises(ConfigError, match="its model differs"):
        combine(shards)


def test_a_chunk_range_outside_the_run_is_refused():
    with pytest.raises(ConfigError, match=r"--chunks 8:12 .* 10 chunks"):
        ChunkRange.of_run(47_000, 5_000, (8, 12))
    with pytest.raises(ConfigError, match="--chunks 3:3"):
        ChunkRange.of_run(47_000, 5_000, (3, 3))


def test_run_chunks_and_combine_on_the_command_line(tmp_path, capsys):
    common = [str(KAZAKHSTAN), "--draws", "30000", "--chunk-size", "10000", "--seed", "5"]
    for chunks in ("0:1", "1:3"):
        out = str(tmp_path / f"shard-{chunks.replace(':', '-')}.nc")
        assert main(["run", *common, "--chunks", chunks, "-o", out, "--quiet"]) == 0
    assert main(["run", *common, "-o", str(tmp_path / "whole.nc"), "--quiet"]) == 0
    shards = sorted(str(path) for path in tmp_path.glob("shard-*.nc"))
    assert main(["combine", *shards, "-o", str(tmp_path / "all.nc")]) == 0
    assert "combined 2 shards" in capsys.readouterr().out
    assert_same_result(open_results(tmp_path / "whole.nc"), open_results(tmp_path / "all.nc"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--chunks", "5"], "--chunks must be START:STOP"),
        (["--chunks", "a:3"], "--chunks start"),
        (["--chunks", "0:9"], "within the run's 3 chunks"),
    ],
)
def test_bad_chunk_flags_exit_2_without_output(tmp_path, capsys, args, message):
    out = tmp_path / "shard.nc"
    common = [str(KAZAKHSTAN), "--draws", "30000", "--chunk-size", "10000", "--seed", "5"]
    assert main(["run", *common, *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_combining_a_missing_shard_exits_2_without_output(tmp_path, capsys):
    common = [str(KAZAKHSTAN), "--draws", "30000", "--chunk-size", "10000", "--seed", "5"]
    shard = str(tmp_path / "a.nc")
    assert main(["run", *common, "--chunks", "0:2", "-o", shard, "--quiet"]) == 0
    out = tmp_path / "all.nc"
    assert main(["combine", shard, "-o", str(out)]) == 2
    assert "chunks 2:3 are missing" in capsys.readouterr().err
    assert not out.exists()


def test_shards_on_other_counts_of_a_districts_file_are_refused(tmp_path):
    """The config text is the same; the counts in its districts file are not."""
    for name in ("czechia-2017.toml", "czechia-2017-districts.csv"):
        (tmp_path / name).write_bytes((CONFIGS / name).read_bytes())
    path = tmp_path / "czechia-2017.toml"
    run = {"n_draws": 3_000, "seed": 4, "chunk_size": 1_000, "threads": 1}
    first = simulate(load_config(path), chunks=(0, 1), **run)
    csv = tmp_path / "czechia-2017-districts.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",ODS,99182", ",ODS,99183"), "utf-8")
    second = simulate(load_config(path), chunks=(1, 3), **run)
    assert first.attrs["config_toml"] == second.attrs["config_toml"]
    with pytest.raises(ConfigError, match="its inputs_sha256 differs"):
        combine([first, second])


def test_shards_of_a_scenario_batch_combine_into_the_batch():
    config = with_scenarios(
        {"name": "official"},
        {"name": "7 %", "rules": {"threshold": 0.07}},
        {"name": "60 seats", "rules": {"seats": 60}},
    )
    whole = simulate(config, **RUN)
    shards = [simulate(config, chunks=chunks, **RUN) for chunks in ((4, 10), (0, 4))]
    assert_same_result(combine(shards), whole)


def test_shards_of_a_batch_with_other_rules_in_a_scenario_are_refused():
    one = with_scenarios({"name": "a"}, {"name": "b", "rules": {"threshold": 0.07}})
    other = with_scenarios({"name": "a"}, {"name": "b", "rules": {"threshold": 0.06}})
    shards = [simulate(one, chunks=(0, 5), **RUN), simulate(other, chunks=(5, 10), **RUN)]
    with pytest.raises(ConfigError, match=r"shard 1 is from another run than shard 0: its "):
        combine(shards)
