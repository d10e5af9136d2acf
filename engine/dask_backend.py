"""Chunks as Dask tasks: the same chunks and counts as the thread pool, on any cluster.

The simulation (plain arrays) is sent to every worker once; each task runs
one chunk and returns its integer tallies, which the client adds as they
arrive, in any order, so the counts are bit-identical to a thread-pool run
with the same seed and chunk size.  Each worker compiles the kernels once,
when it is warmed before the chunks start (or from ``NUMBA_CACHE_DIR``),
not per chunk.  At most two chunks per worker thread are in flight.
"""

import time
from itertools import islice

#: Seconds between two looks at how many worker threads the cluster has.
RESIZE_EVERY = 2.0


def _run_chunk(simulation, seed, index, chunk_size, n_draws):
    return index, simulation.run_chunk(seed, index, chunk_size=chunk_size, n_draws=n_draws)


def _warm(simulation):
    """Compile (or load from the cache) this worker's kernels with a one-draw chunk."""
    simulation.run_chunk(0, 0, chunk_size=1, n_draws=1)
    return True


class DaskBackend:
    """Run chunks on the workers of a ``distributed.Client``.

    Parameters
    ----------
    client : distributed.Client
    """

    name = "dask"

    def __init__(self, client):
        self.client = client

    def worker_threads(self):
        """Worker threads the cluster has now (at least one)."""
        return max(1, sum(self.client.nthreads().values()))

    def warm(self, simulation):
        """Compile the kernels on every worker now, before any chunk is timed."""
        self.client.run(_warm, simulation)

    def run_chunks(self, simulation, indices, *, seed, chunk_size, n_draws, add):
        """Run chunks ``indices`` on the cluster; ``add(index, tallies)`` as each arrives."""
        from distributed import as_completed

        if not indices:
            return
        self.warm(simulation)
        shared = self.client.scatter(simulation, broadcast=True, hash=False)
        todo = iter(indices)

        def submit(batch):
            return [
                self.client.submit(_run_chunk, shared, seed, index, chunk_size, n_draws, pure=False)
                for index in batch
            ]

        in_flight = 2 * self.worker_threads()
        pending = as_completed(submit(islice(todo, in_flight)))
        looked = time.monotonic()
        try:
            for future in pending:
                index, tallies = future.result()
                future.release()
                add(index, tallies)
                if time.monotonic() - looked > RESIZE_EVERY:  # workers come and go
                    in_flight, looked = 2 * self.worker_threads(), time.monotonic()
                room = in_flight - pending.count()
                pending.update(submit(islice(todo, max(room, 1))))
        except BaseException:
            self.client.cancel(list(pending.futures))
            raise
        finally:
            self.client.cancel(shared)
