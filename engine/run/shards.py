"""Shards of one run, added up: batch arrays without a cluster.

``seatcast run CONFIG --chunks 0:1000 -o shard-000.nc`` runs a slice of a
run's chunks; each shard records the run it belongs to (config, rules,
model, seed, draws, chunk size) and its chunk range.  Counts add, so the
shards of a run combine into exactly the result of one run of all chunks,
once every chunk is present exactly once.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.results.dataset import counts_of, is_count, now, summarise

if TYPE_CHECKING:
    import xarray as xr

#: Attributes that must agree for shards to be of the same run.
SAME_RUN = (
    "config_toml",
    "inputs_sha256",
    "seed",
    "chunk_size",
    "n_chunks",
    "run_draws",
    "rules",
    "model",
    "sweep",
    "indices",
    "seatcast_version",
)

#: Variables of a scenario batch that must agree as well: each scenario's rules and inputs.
SAME_SCENARIOS = ("scenario_rules", "scenario_model", "scenario_inputs_sha256")


def combine(shards: Sequence["xr.Dataset"], names: Sequence[str] | None = None) -> "xr.Dataset":
    """Add up the counts of a run's shards into the run's result.

    Parameters
    ----------
    shards : sequence of xarray.Dataset
        Results of ``seatcast run --chunks``, in any order.
    names : sequence of str, optional
        What to call each shard in error messages (file names).

    Returns
    -------
    xarray.Dataset
        Summed counts, summarised, with the attrs of one whole run.

    Raises
    ------
    ConfigError
        If the shards are from different runs, overlap, or leave chunks out.
    """
    names = list(names or (f"shard {k}" for k in range(len(shards))))
    if not shards:
        raise ConfigError("give at least one shard to combine")
    first = shards[0]
    for shard, name in zip(shards, names, strict=True):
        if "chunks" not in shard.attrs:
            raise ConfigError(f"{name} records no chunk range; it was written before shards")
        for key in SAME_RUN:
            if shard.attrs.get(key) != first.attrs.get(key):
                raise ConfigError(f"{name} is from another run than {names[0]}: its {key} differs")
        for key in SAME_SCENARIOS:
            if not _same_variable(shard, first, key):
                raise ConfigError(f"{name} is from another run than {names[0]}: its {key} differs")
    _check_coverage([_parse(shard.attrs["chunks"]) for shard in shards], names, first)
    counts = [counts_of(shard) for shard in shards]
    total = counts[0].copy(deep=True)
    for part in counts[1:]:
        for name, variable in part.data_vars.items():
            if is_count(name):
                total[name] = total[name] + variable
    backends = sorted({str(shard.attrs.get("backend", "threads")) for shard in shards})
    total.attrs.update(
        chunks=f"0:{first.attrs['n_chunks']}",
        draws=np.int64(total["draws"].item()),
        backend="+".join(backends),
        created_at=now(),
        history=f"{first.attrs.get('history', '')}\n{now()} seatcast combine of "
        f"{len(shards)} shards".lstrip(),
    )
    return summarise(total)


def _same_variable(one, other, name):
    if name not in one or name not in other:
        return name not in one and name not in other
    return one[name].equals(other[name])


def _parse(text):
    start, _, stop = str(text).partition(":")
    return int(start), int(stop)


def _check_coverage(ranges, names, first):
    """Every chunk of the run exactly once: no overlap and no gap."""
    order = sorted(range(len(ranges)), key=lambda k: ranges[k])
    reached, previous = 0, None
    for k in order:
        start, stop = ranges[k]
        if start < reached:
            raise ConfigError(
                f"{names[k]} (chunks {start}:{stop}) overlaps {names[previous]} "
                f"(chunks {ranges[previous][0]}:{ranges[previous][1]})"
            )
        if start > reached:
            raise ConfigError(f"chunks {reached}:{start} are missing: no shard covers them")
        reached, previous = stop, k
    n_chunks = int(first.attrs["n_chunks"])
    if reached < n_chunks:
        raise ConfigError(f"chunks {reached}:{n_chunks} are missing: no shard covers them")
