"""A config compiled for the chunk kernel, and one chunk of a run.

Chunk *i* of a run with seed *s* draws from
``Generator(PCG64(SeedSequence(s, spawn_key=(i,))))`` and covers draws
``i * chunk_size`` up to the next chunk's first.  Its tallies depend on
nothing else, so a run's result depends only on (config, seed, draws,
chunk size): never on threads, workers or the order chunks finish.
"""

from dataclasses import dataclass

import numpy as np

from seatcast.engine.chunk_kernel import Coalitions, Tallies, simulate_chunk
from seatcast.engine.compiled_rules import compile_rules
from seatcast.engine.errors import ConfigError
from seatcast.models.components import component_names

#: Number of kernel status codes (``kernels.OK`` and the failures).
N_STATUSES = 4


@dataclass(frozen=True, eq=False)
class Simulation:
    """Everything a chunk needs, as plain arrays.

    Parameters
    ----------
    parties : tuple of str
    n_components : int
        Width of a draw: parties, then no-seat options.
    rules : CompiledRules
    params : NamedTuple
        The model's kernel parameters.
    coalitions : Coalitions
    coalition_names : tuple of str
    n_available : int or None
        Most draws the model can give (a draws file), or ``None``.
    share_bins : int
        Bins of the histogram of each component's share (0: none).
    """

    parties: tuple
    n_components: int
    rules: object
    params: object
    coalitions: Coalitions
    coalition_names: tuple
    n_available: int | None = None
    share_bins: int = 0

    def empty_tallies(self):
        """Zeroed :class:`Tallies` for this simulation."""
        return Tallies(
            seat_count=np.zeros((len(self.parties), self.rules.n_seats + 1), dtype=np.int64),
            pass_count=np.zeros(len(self.parties), dtype=np.int64),
            coalition_count=np.zeros(len(self.coalition_names), dtype=np.int64),
            status_count=np.zeros(N_STATUSES, dtype=np.int64),
            share_count=np.zeros((self.n_components, self.share_bins), dtype=np.int64),
        )

    def run_chunk(self, seed, index, *, chunk_size, n_draws):
        """Tallies of chunk ``index`` of a run of ``n_draws`` draws.

        Parameters
        ----------
        seed : int
        index : int
        chunk_size : int
        n_draws : int
            Draws in the whole run (the last chunk may be short).

        Returns
        -------
        Tallies
        """
        start = index * chunk_size
        size = min(chunk_size, n_draws - start)
        rng = chunk_generator(seed, index)
        tallies = self.empty_tallies()
        simulate_chunk(
            self.params, self.rules, self.coalitions, rng, start, size, self.n_components, tallies
        )
        return tallies


def chunk_generator(seed, index):
    """The Generator of chunk ``index`` of a run seeded with ``seed``."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(index,))))


def build_simulation(config, *, system=None, model=None, share_bins=0):
    """Compile a config (or other rules or model on its ballots) for the kernel.

    Parameters
    ----------
    config : Config
    system : ElectionSystem, optional
        Rules to use instead of the config's.
    model : optional
        Model to use instead of the config's ``[model]``.
    share_bins : int
        Bins of the share histogram to tally (0: none).

    Returns
    -------
    Simulation
    """
    model = model or config.model
    if model is None and config.nowcast is not None:
        raise ConfigError(
            "this is an election-night config ([nowcast]): run it with "
            "seatcast nowcast or seatcast replay"
        )
    if model is None:
        raise ConfigError(
            "the config has no [model] section: add one to say how uncertain the votes are, "
            'e.g. [model] kind = "logit-normal", sd = 0.05'
        )
    ballots = config.ballots
    names = component_names(ballots)
    if tuple(model.names) != names:
        raise ConfigError("the model's parties and options differ from the config's")
    rules = compile_rules(system or config.system, ballots)
    if model.votes_are_counts:  # draws are ballots already: Droop's "+ 1" needs no scaling
        rules = rules._replace(vote_total=0.0)
    members = np.array(
        [
            [party in coalition for party in ballots.parties]
            for coalition in config.coalitions.values()
        ],
        dtype=np.bool_,
    ).reshape(len(config.coalitions), len(ballots.parties))
    need = np.array(
        [config.chamber.need(coalition) for coalition in config.coalitions.values()],
        dtype=np.int64,
    )
    return Simulation(
        parties=tuple(ballots.parties),
        n_components=len(names),
        rules=rules,
        params=model.kernel_params(),
        coalitions=Coalitions(members=members, need=need),
        coalition_names=tuple(config.coalitions),
        n_available=model.n_available,
        share_bins=share_bins,
    )
