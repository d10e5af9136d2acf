"""Chunks as Dask tasks: the same chunks and counts as the thread pool, on any cluster.

The plans (plain arrays, one per scenario) are sent to every worker
once; each task runs one (scenario, chunk) unit and returns its integer
tallies, which the client adds as they arrive, in any order, so the counts
are bit-identical to a thread-pool run with the same seed and chunk size.
Each worker compiles the kernels once, when it is warmed before the chunks
start (or from ``NUMBA_CACHE_DIR``), not per chunk.  At most two units per
worker thread are in flight.
"""

import time
from collections.abc import Callable, Iterable, Sequence
from itertools import chain, islice
from typing import TYPE_CHECKING

from numba import typeof

if TYPE_CHECKING:
    from distributed import Client

    from seatcast.engine.run.chunk import Tallies
    from seatcast.engine.run.plan import Plan

#: Seconds between two looks at how many worker threads the cluster has.
RESIZE_EVERY = 2.0


def _run_unit(plan, seed, unit, chunk_size, n_draws):
    """Unit ``(scenario, chunk)`` on the scenario's plan, on a worker."""
    return unit, plan.run_chunk(seed, unit[1], chunk_size=chunk_size, n_draws=n_draws)


def _warm(plans):
    """Compile (or load from the cache) this worker's kernels with one-draw chunks."""
    for plan in plans:
        plan.run_chunk(0, 0, chunk_size=1, n_draws=1)
    return True


def kernel_signatures(plans: Iterable["Plan"]) -> list["Plan"]:
    """One plan per distinct set of compiled kernels: the first of each signature.

    The kernels specialise on the types of the model's parameters and of the
    rules; scenarios that share those types share compiled code, so warming
    one of them warms them all.
    """
    firsts = {}
    for plan in plans:
        firsts.setdefault((typeof(plan.params), typeof(plan.rules)), plan)
    return list(firsts.values())


class DaskBackend:
    """Run chunks on the workers of a ``distributed.Client``.

    Parameters
    ----------
    client : distributed.Client
    """

    name = "dask"

    def __init__(self, client: "Client") -> None:
        self.client = client

    def worker_threads(self) -> int:
        """Worker threads the cluster has now (at least one)."""
        return max(1, sum(self.client.nthreads().values()))

    def warm(self, plans: Iterable["Plan"]) -> None:
        """Compile the kernels on every worker now, before any chunk is timed."""
        self.client.run(_warm, kernel_signatures(plans))

    def run_chunks(
        self,
        plans: Sequence["Plan"],
        units: Iterable[tuple[int, int]],
        *,
        seed: int,
        chunk_size: int,
        n_draws: int,
        add: Callable[[tuple[int, int], "Tallies"], None],
    ) -> None:
        """Run (scenario, chunk) ``units`` on the cluster; ``add(unit, tallies)`` as each ends."""
        from distributed import as_completed

        todo = iter(units)
        first = next(todo, None)
        if first is None:
            return
        todo = chain([first], todo)
        self.warm(plans)
        shared = self.client.scatter(list(plans), broadcast=True, hash=False)

        def submit(batch):
            return [
                self.client.submit(
                    _run_unit, shared[unit[0]], seed, unit, chunk_size, n_draws, pure=False
                )
                for unit in batch
            ]

        in_flight = 2 * self.worker_threads()
        pending = as_completed(submit(islice(todo, in_flight)))
        looked = time.monotonic()
        try:
            for future in pending:
                unit, tallies = future.result()
                future.release()
                add(unit, tallies)
                if time.monotonic() - looked > RESIZE_EVERY:  # workers come and go
                    in_flight, looked = 2 * self.worker_threads(), time.monotonic()
                room = in_flight - pending.count()
                pending.update(submit(islice(todo, max(room, 1))))
        except BaseException:
            self.client.cancel(list(pending.futures))
            raise
        finally:
            self.client.cancel(shared)
