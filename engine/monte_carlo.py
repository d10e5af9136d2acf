"""``simulate``: a config's model through its rules, from Python, as one summarised Dataset."""

from seatcast.engine.config import DEFAULT_DRAWS
from seatcast.engine.results import summarise, tallies_dataset
from seatcast.engine.runner import default_threads, fresh_seed, run_simulation
from seatcast.engine.simulation import build_simulation


def simulate(
    config,
    *,
    n_draws=None,
    seed=None,
    chunk_size=None,
    threads=None,
    system=None,
    model=None,
    progress=None,
    share_bins=0,
    sweep=None,
):
    """Simulate seat probabilities for a config.

    Parameters
    ----------
    config : Config
        From :func:`seatcast.engine.config.load_config`.
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
    model : optional
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

    Returns
    -------
    xarray.Dataset
        Counts, derived probabilities and provenance (see the README's schema).
    """
    simulation = build_simulation(
        config, system=system, model=model, share_bins=share_bins, sweep=sweep
    )
    settings = config.run
    n_draws = n_draws or settings.draws or simulation.n_available or DEFAULT_DRAWS
    seed = settings.seed if seed is None else seed
    seed = fresh_seed() if seed is None else seed
    chunk_size = chunk_size or settings.chunk_size
    tallies = run_simulation(
        simulation,
        n_draws=n_draws,
        seed=seed,
        chunk_size=chunk_size,
        threads=threads or default_threads(),
        progress=progress,
    )
    counts = tallies_dataset(
        tallies,
        simulation,
        config=config,
        system=system or config.system,
        model=model or config.model,
        seed=seed,
        chunk_size=chunk_size,
    )
    return summarise(counts)
