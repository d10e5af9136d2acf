"""``simulate``: a config's model through its rules, from Python, as one summarised Dataset.

A config with ``[[scenarios]]`` runs every scenario on the same chunks and
seed, so scenarios with the same model see the same draws, and returns them
along a ``scenario`` dim.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from seatcast.engine.config.defaults import DEFAULT_DRAWS
from seatcast.engine.config.scenarios import Scenario
from seatcast.engine.errors import ConfigError
from seatcast.engine.results.dataset import inputs_digest, summarise, tallies_dataset
from seatcast.engine.results.scenarios import stack_scenarios
from seatcast.engine.run.checkpoint import Checkpoint
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import ChunkRange, default_threads, fresh_seed, run_plans

if TYPE_CHECKING:
    import xarray as xr

    from seatcast.engine.config.reader import Config
    from seatcast.engine.config.sweep import Sweep
    from seatcast.engine.rules.system import ElectionSystem
    from seatcast.engine.run.dask_backend import DaskBackend
    from seatcast.engine.run.runner import ThreadBackend
    from seatcast.models.contract import Model


def simulate(
    config: "Config",
    *,
    n_draws: int | None = None,
    seed: int | None = None,
    chunk_size: int | None = None,
    threads: int | None = None,
    system: "ElectionSystem | None" = None,
    model: "Model | None" = None,
    progress: Callable[[int, int], None] | None = None,
    share_bins: int = 0,
    sweep: "Sweep | None" = None,
    indices: bool | None = None,
    chunks: tuple[int, int] | None = None,
    checkpoint: str | Path | None = None,
    backend: "ThreadBackend | DaskBackend | None" = None,
) -> "xr.Dataset":
    """Simulate seat probabilities for a config.

    Parameters
    ----------
    config : Config
        From :func:`seatcast.engine.config.reader.load_config`.
    n_draws : int, optional
        Draws to make; by default the config's ``[run]`` draws, all draws of a
        draws file, or 1,000,000.
    seed : int, optional
        By default the config's ``[run]`` seed, or a fresh one (recorded in
        the result's ``seed`` attr).
    chunk_size : int, optional
        Draws per chunk; by default the config's (100,000).
    threads : int, optional
        Threads to run chunks on; every core by default.  The result does not
        depend on it.
    system : ElectionSystem, optional
        Rules to apply instead of the config's.
    model : Model, optional
        Vote-share model to draw from instead of the config's ``[model]``.
    progress : callable, optional
        Called as ``progress(done, n_draws)`` after each chunk.
    share_bins : int
        Bins of a histogram of each component's share of all ballots, from
        which ``share_mean`` and ``share_quantile`` are derived (0: none).
    sweep : Sweep, optional
        Thresholds, methods and seat counts to evaluate on the same draws,
        instead of the config's ``[sweep]``; each swept rule becomes a dim
        (``threshold``, ``allocation``, ``n_seats``) of the result.
    indices : bool, optional
        Tally the effective number of parties and Gallagher's index of every
        draw; by default the config's ``[run] indices``, else only for runs
        that sweep rules.  Without them the result has no index variables.
    chunks : (int, int), optional
        Run only chunks ``start`` up to ``stop`` (a shard of a batch array);
        combine the shards with :func:`seatcast.engine.run.shards.combine`.
    checkpoint : str or Path, optional
        Directory where finished chunks are saved as the run goes; a run
        with the same arguments and directory resumes from it.
    backend : ThreadBackend or DaskBackend, optional
        Runs the chunks: a :class:`~seatcast.engine.run.runner.ThreadBackend`
        (the default, with ``threads``) or a
        :class:`~seatcast.engine.run.dask_backend.DaskBackend`.

    Returns
    -------
    xarray.Dataset
        Counts, derived probabilities and provenance (see the README's schema),
        with a ``scenario`` dim when the config lists ``[[scenarios]]``.
    """
    if config.scenarios and (system is not None or model is not None):
        raise ValueError("system and model replace a config's; scenarios hold their own")
    scenarios = config.scenarios or (Scenario(None, config),)
    runs = [
        _Run(scenario.name, scenario.config, system, model, share_bins, sweep, indices)
        for scenario in scenarios
    ]
    if config.scenarios and any(run.plan.tier is not None for run in runs):
        raise ConfigError(
            "[[scenarios]] of linked tiers (a chamber.linkage inside the house, or "
            "[constituencies]) are not batched so far: run each as a config of its own"
        )
    if len({run.plan.indices for run in runs}) > 1:  # a batch has indices in all or none
        runs = [
            _Run(scenario.name, scenario.config, system, model, share_bins, sweep, True)
            for scenario in scenarios
        ]
    settings = config.run
    n_available = [run.plan.n_available for run in runs if run.plan.n_available]
    n_draws = n_draws or settings.draws or min(n_available, default=None) or DEFAULT_DRAWS
    seed = settings.seed if seed is None else seed
    seed = fresh_seed() if seed is None else seed
    chunk_size = chunk_size or settings.chunk_size
    chunk_range = ChunkRange.of_run(n_draws, chunk_size, chunks)
    if checkpoint is not None:
        checkpoint = Checkpoint(
            checkpoint,
            {
                "config": config.text,
                **{key: value for run in runs for key, value in run.identity().items()},
                "coalitions": list(config.coalitions),
                "share_bins": share_bins,
                "seed": str(seed),
                "draws": n_draws,
                "chunk_size": chunk_size,
                "chunks": str(chunk_range),
            },
        )
    tallies = run_plans(
        [run.plan for run in runs],
        n_draws=n_draws,
        seed=seed,
        chunk_size=chunk_size,
        threads=threads or default_threads(),
        progress=progress,
        chunks=chunk_range,
        checkpoint=checkpoint,
        backend=backend,
    )
    counts = [
        tallies_dataset(
            part,
            run.plan,
            config=run.config,
            system=run.system,
            model=run.model,
            seed=seed,
            chunk_size=chunk_size,
            chunks=chunk_range,
            run_draws=n_draws,
            backend=getattr(backend, "name", "threads"),
        )
        for run, part in zip(runs, tallies, strict=True)
    ]
    if not config.scenarios:
        return summarise(counts[0])
    return summarise(stack_scenarios(counts, [run.name for run in runs]))


class _Run:
    """One scenario of a run: its config, rules, model and compiled plan."""

    def __init__(self, name, config, system, model, share_bins, sweep, indices):
        self.name = name
        self.config = config
        self.system = system or config.system
        self.model = model or config.model
        self.plan = build_plan(
            config, system=system, model=model, share_bins=share_bins, sweep=sweep, indices=indices
        )

    def identity(self):
        """What makes two runs of this scenario the same run (for checkpoints).

        Keys are named as a message names them: ``rules``, or
        ``scenario 'D'Hondt' rules`` in a batch.
        """
        sweep = self.plan.axes.sweep
        prefix = "" if self.name is None else f"scenario {self.name!r} "
        return {
            f"{prefix}inputs": inputs_digest(self.config.ballots, self.system),
            f"{prefix}rules": self.system.describe(),
            f"{prefix}model": self.model.describe(),
            f"{prefix}sweep": sweep.describe() if self.plan.axes.dims else "",
            f"{prefix}indices": self.plan.indices,
        }
