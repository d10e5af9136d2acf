"""Run a simulation in fixed-size chunks and add up the tallies.

Chunks are independent (see :mod:`seatcast.engine.simulation`) and their
tallies are integers, so the sum is the same in any order: the result is
bit-identical on any number of threads or Dask workers.  A run may cover a
slice of its chunks (a shard of a batch array) and may resume from a
checkpoint of the chunks already done.  Backends keep at most two chunks per
worker thread in flight, so memory stays flat however many draws are asked
for.
"""

import os
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass

import numpy as np

from seatcast.engine.chunk_kernel import cumulate_points
from seatcast.engine.errors import ConfigError


def default_threads():
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fresh_seed():
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
    def of_run(cls, n_draws, chunk_size, chunks=None):
        """The chunks a run covers: ``chunks`` as ``(start, stop)``, or all of them.

        Raises
        ------
        ConfigError
            If the range is empty or runs past the run's last chunk.
        """
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

    def draws(self, n_draws, chunk_size):
        """Draws the range covers (the run's last chunk may be short)."""
        return min(self.stop * chunk_size, n_draws) - self.start * chunk_size

    def __str__(self):
        return f"{self.start}:{self.stop}"


class RunningTotal:
    """Chunk tallies added as they finish, with the indices done and progress.

    Parameters
    ----------
    tallies : Tallies
        Zeroed, or a checkpoint's sums.
    done : iterable of int
        Chunks already in ``tallies``.
    n_draws : int
        Draws of the whole range, for progress.
    progress : callable, optional
        Called as ``progress(done, n_draws)``: once at the start, then after
        each chunk.
    on_add : callable, optional
        Called as ``on_add(total)`` after each chunk (a checkpoint).
    """

    def __init__(self, tallies, done, n_draws, progress=None, on_add=None):
        self.tallies = tallies
        self.done = set(done)
        self.n_draws = n_draws
        self.draws_done = int(tallies.status_count[0, 0].sum())
        self.progress = progress
        self.on_add = on_add
        if progress is not None:
            progress(self.draws_done, n_draws)

    def add(self, index, tallies):
        """Add chunk ``index``'s tallies."""
        for into, part in zip(self.tallies, tallies, strict=True):
            into += part
        self.done.add(index)
        self.draws_done += int(tallies.status_count[0, 0].sum())  # each draw once at point 0
        if self.progress is not None:
            self.progress(self.draws_done, self.n_draws)
        if self.on_add is not None:
            self.on_add(self)


class ThreadBackend:
    """Chunks on a pool of threads in this process (the kernels release the GIL).

    Parameters
    ----------
    threads : int
    """

    name = "threads"

    def __init__(self, threads=1):
        self.threads = threads

    def run_chunks(self, simulation, indices, *, seed, chunk_size, n_draws, add):
        """Run chunks ``indices`` and call ``add(index, tallies)`` as each finishes."""

        def run(index):
            return index, simulation.run_chunk(seed, index, chunk_size=chunk_size, n_draws=n_draws)

        if self.threads == 1:
            for index in indices:
                add(*run(index))
            return
        todo = iter(indices)
        with ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="seatcast") as pool:
            pending = set()
            try:
                while True:
                    for index in todo:
                        pending.add(pool.submit(run, index))
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


def run_simulation(
    simulation,
    *,
    n_draws,
    seed,
    chunk_size,
    threads=1,
    progress=None,
    chunks=None,
    checkpoint=None,
    backend=None,
):
    """Run ``n_draws`` draws (or a range of their chunks) and return the summed tallies.

    Parameters
    ----------
    simulation : Simulation
    n_draws : int
        Draws of the whole run; they set the chunks.
    seed : int
    chunk_size : int
    threads : int
        Chunks in parallel on the default thread backend; the result does not
        depend on it.
    progress : callable, optional
        Called as ``progress(done, draws)`` at the start and after each chunk.
    chunks : ChunkRange, optional
        The chunks to run; all of them by default.
    checkpoint : Checkpoint, optional
        Where finished chunks are saved, and resumed from.
    backend : optional
        Runs the chunks (:class:`ThreadBackend` by default, or a
        :class:`~seatcast.engine.dask_backend.DaskBackend`).

    Returns
    -------
    Tallies
        Counts per threshold grid point (cumulated from the chunks' differences).
    """
    check_run(simulation, n_draws=n_draws, chunk_size=chunk_size, threads=threads)
    chunks = chunks or ChunkRange.of_run(n_draws, chunk_size)
    tallies, done = simulation.empty_tallies(), ()
    if checkpoint is not None:
        tallies, done = checkpoint.resume(tallies)
    total = RunningTotal(
        tallies,
        done,
        chunks.draws(n_draws, chunk_size),
        progress,
        None if checkpoint is None else checkpoint.save_soon,
    )
    todo = [index for index in range(chunks.start, chunks.stop) if index not in total.done]
    backend = backend or ThreadBackend(threads)
    backend.run_chunks(
        simulation, todo, seed=seed, chunk_size=chunk_size, n_draws=n_draws, add=total.add
    )
    if checkpoint is not None:
        checkpoint.save(total)
    return cumulate_points(total.tallies)


def check_run(simulation, *, n_draws, chunk_size, threads):
    """Refuse a run that cannot be made, naming the flag to change."""
    for value, flag in ((n_draws, "--draws"), (chunk_size, "--chunk-size"), (threads, "--threads")):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ConfigError(f"{flag} must be a whole number of at least 1, got {value!r}")
    available = simulation.n_available
    if available is not None and n_draws > available:
        raise ConfigError(f"--draws is {n_draws:,}, but the draws file holds only {available:,}")
