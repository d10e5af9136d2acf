"""Run plans in fixed-size chunks and add up the tallies.

Chunks are independent (see :mod:`seatcast.engine.run.plan`) and their
tallies are integers, so the sum is the same in any order: the result is
bit-identical on any number of threads or Dask workers.  A run may cover a
slice of its chunks (a shard of a batch array) and may resume from a
checkpoint of the chunks already done.  A batch of scenarios is one run
whose units of work are (scenario, chunk) pairs, so every scenario shares
the threads or the cluster.  Backends keep at most two units per worker
thread in flight, so memory stays flat however many draws are asked for.
"""

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.parsing import as_written
from seatcast.engine.run.chunk import Tallies, cumulate_points
from seatcast.engine.run.plan import MAX_TALLY_BYTES, Plan

if TYPE_CHECKING:
    from seatcast.engine.run.checkpoint import Checkpoint
    from seatcast.engine.run.dask_backend import DaskBackend

#: The most draws one run may make (--chunks shards share it): 10^13.
MAX_DRAWS = 10**13

#: The most threads a run starts.
MAX_THREADS = 1024


def default_threads() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fresh_seed() -> int:
    """A new seed from the operating system's entropy (128 bits)."""
    return np.random.SeedSequence().entropy


@dataclass(frozen=True)
class ChunkRange:
    """Chunks ``start`` up to (not including) ``stop`` of a run of ``n_chunks``.

    Parameters
    ----------
    start, stop : int
    n_chunks : int
        Chunks of the whole run: ``ceil(draws / chunk_size)``.
    """

    start: int
    stop: int
    n_chunks: int

    @classmethod
    def of_run(cls, n_draws: int, chunk_size: int, chunks: tuple[int, int] | None = None) -> Self:
        """The chunks a run covers: ``chunks`` as ``(start, stop)``, or all of them.

        Parameters
        ----------
        n_draws : int
            Draws of the whole run.
        chunk_size : int
        chunks : (int, int), optional
            ``(start, stop)``; all of the run's chunks by default.

        Returns
        -------
        ChunkRange

        Raises
        ------
        ConfigError
            If the run has more than :data:`MAX_DRAWS` draws, or the range is
            empty or runs past the run's last chunk.
        """
        if n_draws > MAX_DRAWS:
            raise ConfigError(
                f"{n_draws:,} draws are more than a run may make ({MAX_DRAWS:.0e}, eleven days "
                "at ten million draws a second); ask for fewer"
            )
        n_chunks = -(-n_draws // chunk_size)
        if chunks is None:
            return cls(0, n_chunks, n_chunks)
        start, stop = chunks
        if not 0 <= start < stop <= n_chunks:
            raise ConfigError(
                f"--chunks {start}:{stop} is not a non-empty range within the run's "
                f"{n_chunks:,} chunks (0:{n_chunks}; {n_draws:,} draws of {chunk_size:,})"
            )
        return cls(start, stop, n_chunks)

    def draws(self, n_draws: int, chunk_size: int) -> int:
        """Draws the range covers (the run's last chunk may be short)."""
        return min(self.stop * chunk_size, n_draws) - self.start * chunk_size

    def __str__(self) -> str:
        return f"{self.start}:{self.stop}"


class RunningTotal:
    """Tallies of (scenario, chunk) units added as they finish, with the units done and progress.

    Parameters
    ----------
    tallies : list of Tallies
        One per scenario: zeroed, or a checkpoint's sums.
    done : iterable of (int, int)
        (scenario, chunk) units already in ``tallies``.
    n_draws : int
        Draws of the whole range, all scenarios together, for progress.
    progress : callable, optional
        Called as ``progress(done, n_draws)``: once at the start, then after
        each unit.
    on_add : callable, optional
        Called as ``on_add(total)`` after each unit (a checkpoint).
    """

    def __init__(
        self,
        tallies: list[Tallies],
        done: Iterable[tuple[int, int]],
        n_draws: int,
        progress: Callable[[int, int], None] | None = None,
        on_add: Callable[["RunningTotal"], None] | None = None,
    ) -> None:
        self.tallies = tallies
        self.done = set(done)
        self.n_draws = n_draws
        self.draws_done = sum(_draws(part) for part in tallies)
        self.progress = progress
        self.on_add = on_add
        if progress is not None:
            progress(self.draws_done, n_draws)

    def add(self, unit: tuple[int, int], tallies: Tallies) -> None:
        """Add the tallies of ``unit``, a (scenario, chunk) pair."""
        for into, part in zip(self.tallies[unit[0]], tallies, strict=True):
            into += part
        self.done.add(unit)
        self.draws_done += _draws(tallies)
        if self.progress is not None:
            self.progress(self.draws_done, self.n_draws)
        if self.on_add is not None:
            self.on_add(self)


def _draws(tallies):
    """Draws in tallies: each draw is counted once at threshold point 0."""
    return int(tallies.status_count[0, 0].sum())


def run_unit(
    plans: Sequence[Plan], unit: tuple[int, int], *, seed: int, chunk_size: int, n_draws: int
) -> tuple[tuple[int, int], Tallies]:
    """Run one (scenario, chunk) unit; returns ``(unit, tallies)``.

    Every scenario draws chunk *i* from the same generator, so scenarios
    with the same model see the same draws (common random numbers).
    """
    scenario, index = unit
    plan = plans[scenario]
    return unit, plan.run_chunk(seed, index, chunk_size=chunk_size, n_draws=n_draws)


class ThreadBackend:
    """Chunks on a pool of threads in this process (the kernels release the GIL).

    Parameters
    ----------
    threads : int
    """

    name = "threads"

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads

    def run_chunks(
        self,
        plans: Sequence[Plan],
        units: Iterable[tuple[int, int]],
        *,
        seed: int,
        chunk_size: int,
        n_draws: int,
        add: Callable[[tuple[int, int], Tallies], None],
    ) -> None:
        """Run (scenario, chunk) ``units``; ``add(unit, tallies)`` as each finishes."""

        def run(unit):
            return run_unit(plans, unit, seed=seed, chunk_size=chunk_size, n_draws=n_draws)

        if self.threads == 1:
            for unit in units:
                add(*run(unit))
            return
        todo = iter(units)
        with ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="seatcast") as pool:
            pending = set()
            try:
                while True:
                    for unit in todo:
                        pending.add(pool.submit(run, unit))
                        if len(pending) >= 2 * self.threads:
                            break
                    if not pending:
                        return
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        add(*future.result())
            except BaseException:
                for future in pending:
                    future.cancel()
                raise


def run_plan(plan: Plan, **options: Any) -> Tallies:
    """Run one plan; :func:`run_plans` of one scenario, with the same options.

    Parameters
    ----------
    plan : Plan
    **options
        The keywords of :func:`run_plans`.

    Returns
    -------
    Tallies
    """
    return run_plans([plan], **options)[0]


def run_plans(
    plans: Sequence[Plan],
    *,
    n_draws: int,
    seed: int,
    chunk_size: int,
    threads: int = 1,
    progress: Callable[[int, int], None] | None = None,
    chunks: ChunkRange | None = None,
    checkpoint: "Checkpoint | None" = None,
    backend: "ThreadBackend | DaskBackend | None" = None,
) -> list[Tallies]:
    """Run ``n_draws`` draws (or a range of their chunks) of each plan.

    Parameters
    ----------
    plans : sequence of Plan
        One per scenario; all run the same chunks with the same seed.
    n_draws : int
        Draws of the whole run; they set the chunks.
    seed : int
    chunk_size : int
    threads : int
        Units in parallel on the default thread backend; the result does not
        depend on it.
    progress : callable, optional
        Called as ``progress(done, draws)`` at the start and after each
        unit, with the draws of all scenarios.
    chunks : ChunkRange, optional
        The chunks to run; all of them by default.
    checkpoint : Checkpoint, optional
        Where finished units are saved, and resumed from.
    backend : ThreadBackend or DaskBackend, optional
        Runs the units (:class:`ThreadBackend` by default, or a
        :class:`~seatcast.engine.run.dask_backend.DaskBackend`).

    Returns
    -------
    list of Tallies
        Counts per threshold grid point (cumulated from the chunks' differences),
        one per plan.
    """
    for plan in plans:
        check_run(plan, n_draws=n_draws, chunk_size=chunk_size, threads=threads)
    check_batch_size(plans)
    chunks = chunks or ChunkRange.of_run(n_draws, chunk_size)
    tallies, done = [plan.empty_tallies() for plan in plans], ()
    if checkpoint is not None:
        tallies, done = checkpoint.resume(tallies)
    total = RunningTotal(
        tallies,
        done,
        len(plans) * chunks.draws(n_draws, chunk_size),
        progress,
        None if checkpoint is None else checkpoint.save_soon,
    )
    todo = (  # lazily: a run may have millions of chunks
        (scenario, index)
        for scenario in range(len(plans))
        for index in range(chunks.start, chunks.stop)
        if (scenario, index) not in total.done
    )
    backend = backend or ThreadBackend(threads)
    try:
        backend.run_chunks(
            plans, todo, seed=seed, chunk_size=chunk_size, n_draws=n_draws, add=total.add
        )
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP: keep what is done
        if checkpoint is not None:
            checkpoint.save(total)
        raise
    if checkpoint is not None:
        checkpoint.save(total)
    return [cumulate_points(part) for part in total.tallies]


def check_batch_size(plans: Sequence[Plan]) -> None:
    """Refuse a batch whose scenarios' totals would not fit in memory together."""
    size = sum(plan.tally_bytes() for plan in plans)
    if len(plans) > 1 and size > MAX_TALLY_BYTES:
        raise ConfigError(
            f"the {len(plans):,} scenarios need {size / 1024**3:.1f} GiB of counts "
            f"together; at most {MAX_TALLY_BYTES / 1024**3:.0f} GiB: split the batch into "
            "configs of fewer scenarios, or sweep fewer values"
        )


def check_run(plan: Plan, *, n_draws: int, chunk_size: int, threads: int) -> None:
    """Refuse a run that cannot be made, naming the flag to change."""
    for value, flag in ((n_draws, "--draws"), (chunk_size, "--chunk-size"), (threads, "--threads")):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ConfigError(
                f"{flag} must be a whole number of at least 1, got {as_written(value)}"
            )
    if threads > MAX_THREADS:
        raise ConfigError(
            f"--threads is {threads:,}; seatcast starts at most {MAX_THREADS:,} threads "
            "(more than the cores gain nothing)"
        )
    available = plan.n_available
    if available is not None and n_draws > available:
        raise ConfigError(f"--draws is {n_draws:,}, but the draws file holds only {available:,}")
