"""Run a simulation in fixed-size chunks on a thread pool and add up the tallies.

Chunks are independent (see :mod:`seatcast.engine.simulation`) and their
tallies are integers, so the sum is the same in any order: the result is
bit-identical on any number of threads.  At most two chunks per thread are
in flight, so memory stays flat however many draws are asked for.
"""

import os
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

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


def run_simulation(simulation, *, n_draws, seed, chunk_size, threads=1, progress=None):
    """Run ``n_draws`` draws and return their summed tallies.

    Parameters
    ----------
    simulation : Simulation
    n_draws : int
    seed : int
    chunk_size : int
    threads : int
        Chunks in parallel; the result does not depend on it.
    progress : callable, optional
        Called as ``progress(done, n_draws)`` after each chunk.

    Returns
    -------
    Tallies
        Counts per threshold grid point (cumulated from the chunks' differences).
    """
    check_run(simulation, n_draws=n_draws, chunk_size=chunk_size, threads=threads)
    n_chunks = -(-n_draws // chunk_size)
    total = simulation.empty_tallies()
    done = 0

    def run(index):
        return simulation.run_chunk(seed, index, chunk_size=chunk_size, n_draws=n_draws)

    def add(tallies):
        nonlocal done
        for into, part in zip(total, tallies, strict=True):
            into += part
        done += int(tallies.status_count[0, 0].sum())  # every draw counts once at point 0
        if progress is not None:
            progress(done, n_draws)

    if threads == 1:
        for index in range(n_chunks):
            add(run(index))
        return cumulate_points(total)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="seatcast") as pool:
        pending, next_index = set(), 0
        try:
            while next_index < n_chunks or pending:
                while next_index < n_chunks and len(pending) < 2 * threads:
                    pending.add(pool.submit(run, next_index))
                    next_index += 1
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    add(future.result())
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return cumulate_points(total)


def check_run(simulation, *, n_draws, chunk_size, threads):
    """Refuse a run that cannot be made, naming the flag to change."""
    for value, flag in ((n_draws, "--draws"), (chunk_size, "--chunk-size"), (threads, "--threads")):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ConfigError(f"{flag} must be a whole number of at least 1, got {value!r}")
    available = simulation.n_available
    if available is not None and n_draws > available:
        raise ConfigError(f"--draws is {n_draws:,}, but the draws file holds only {available:,}")
