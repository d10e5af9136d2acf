"""A config compiled for the chunk kernel, and one chunk of a run.

Chunk *i* of a run with seed *s* draws from
``Generator(PCG64(SeedSequence(s, spawn_key=(i,))))`` and covers draws
``i * chunk_size`` up to the next chunk's first.  Its tallies depend on
nothing else, so a run's result depends only on (config, seed, draws,
chunk size): never on threads, workers or the order chunks finish.
"""

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from seatcast.engine.config.sweep import NO_SWEEP, Sweep
from seatcast.engine.errors import ConfigError
from seatcast.engine.kernels.codes import N_STATUSES
from seatcast.engine.kernels.indices import INDEX_BINS
from seatcast.engine.rules.chamber import Chamber
from seatcast.engine.rules.linkage import get_linkage
from seatcast.engine.run.chunk import Coalitions, Tallies, chunk_kernel
from seatcast.engine.run.compiled_rules import CompiledRules, compile_rules
from seatcast.engine.run.compiled_tier import CompiledTier, compile_tier, tier_names
from seatcast.engine.run.national import national_kernel
from seatcast.engine.run.two_tier import two_tier_kernel
from seatcast.models.components import component_names
from seatcast.models.contract import Model

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.engine.rules.system import ElectionSystem

#: Most memory the tallies of one chunk, or the totals of a batch's scenarios, may take.
MAX_TALLY_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class RuleAxes:
    """The rules a run evaluates, as the result's sweep dims name them.

    Parameters
    ----------
    dims : tuple of str
        The swept dims (of ``threshold``, ``allocation``, ``n_seats``).
    thresholds : tuple of Fraction
        The threshold grid (one point when not swept).
    allocations : tuple of str
        Method names (one when not swept).
    seat_counts : tuple of int
        Seats to allocate (one when not swept).
    chambers : tuple of Chamber
        The chamber of each seat count.
    sweep : Sweep
    """

    dims: tuple[str, ...]
    thresholds: tuple[Fraction, ...]
    allocations: tuple[str, ...]
    seat_counts: tuple[int, ...]
    chambers: tuple[Chamber, ...]
    sweep: Sweep = NO_SWEEP

    @property
    def shape(self) -> tuple[int, int, int]:
        """Lengths of ``threshold``, ``allocation`` and ``n_seats``, swept or not."""
        return (len(self.thresholds), len(self.allocations), len(self.seat_counts))


@dataclass(frozen=True, eq=False)
class Plan:
    """Everything a chunk needs, as plain arrays.

    Parameters
    ----------
    parties : tuple of str
    n_components : int
        Parties, then no-seat options: the width of one district's draw.
    rules : CompiledRules
    params : NamedTuple
        The model's kernel parameters.
    coalitions : Coalitions
        Each coalition twice: against the majority, then the supermajority.
    coalition_names : tuple of str
    axes : RuleAxes
        The thresholds, methods and seat counts the rules' grid and rows stand for.
    n_available : int or None
        Most draws the model can give (a draws file), or ``None``.
    share_bins : int
        Bins of the histogram of each component's share (0: none).
    indices : bool
        Whether the kernel tallies the indices of every draw.
    tier : CompiledTier or None
        A chamber of two linked tiers, drawn whole by the two-tier kernel;
        None for a list tier alone (held seats are then added to it).
    names : tuple of str
        The names of a two-tier run's seats: the parties, then the names
        outside the list allocation; the parties otherwise.
    """

    parties: tuple[str, ...]
    n_components: int
    rules: CompiledRules
    params: NamedTuple
    coalitions: Coalitions
    coalition_names: tuple[str, ...]
    axes: RuleAxes
    n_available: int | None = None
    share_bins: int = 0
    indices: bool = True
    tier: CompiledTier | None = None
    names: tuple[str, ...] = ()

    def tally_shapes(self) -> dict[str, tuple[int, ...]]:
        """The shape of each array of :class:`Tallies`, by field name."""
        lead = (len(self.rules.grid), self.rules.n_rows)
        n_parties = len(self.parties)
        n_districts = self.rules.n_districts if self.rules.n_districts > 1 else 0
        if self.tier is None:
            n_names, width, tiers = n_parties, self.rules.n_seats + 1, 0
        else:
            n_names, width, tiers = self.tier.n_names, self.tier.largest + 1, 2
        return {
            "seat_count": (*lead, n_names, width),
            "pass_count": (*lead, n_parties),
            "coalition_count": (*lead, 2 * len(self.coalition_names)),
            "status_count": (*lead, N_STATUSES),
            "index_count": (*lead, 2, INDEX_BINS if self.indices else 0),
            "index_sum": (*lead, 2 if self.indices else 0),
            "share_count": (self.n_components, self.share_bins),
            "district_seat_sum": (*lead, n_districts, n_parties),
            "district_win_count": (*lead, n_districts, n_parties),
            "tier_count": (*lead, tiers, n_names if tiers else 0, width if tiers else 0),
            "size_count": (*lead, width if tiers else 0),
            "majority_count": (*lead, tiers, n_names if tiers else 0),
        }

    @property
    def is_national(self) -> bool:
        """Whether a chunk takes the lean kernel of national runs: one list, one threshold."""
        return self.rules.n_districts == 1 and len(self.rules.grid) == 1

    def tally_bytes(self) -> int:
        """Bytes of one set of :class:`Tallies`."""
        return sum(8 * int(np.prod(shape)) for shape in self.tally_shapes().values())

    def empty_tallies(self) -> Tallies:
        """Zeroed :class:`Tallies` for this plan."""
        return Tallies(
            **{name: np.zeros(shape, dtype=np.int64) for name, shape in self.tally_shapes().items()}
        )

    def run_chunk(self, seed: int, index: int, *, chunk_size: int, n_draws: int) -> Tallies:
        """Tallies of chunk ``index`` of a run of ``n_draws`` draws.

        Counts along the threshold grid are differences; see
        :func:`~seatcast.engine.run.chunk.cumulate_points`.

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
        width = self.n_components * self.rules.n_districts
        if self.tier is not None:
            tier = self.tier
            two_tier_kernel(
                self.params, self.rules, tier, self.coalitions, rng, start, size, width, tallies
            )
            return tallies
        kernel = national_kernel if self.is_national else chunk_kernel
        kernel(self.params, self.rules, self.coalitions, rng, start, size, width, tallies)
        return tallies


def chunk_generator(seed: int, index: int) -> np.random.Generator:
    """The Generator of chunk ``index`` of a run seeded with ``seed``."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(index,))))


def build_plan(
    config: "Config",
    *,
    system: "ElectionSystem | None" = None,
    model: Model | None = None,
    share_bins: int = 0,
    sweep: Sweep | None = None,
    indices: bool | None = None,
) -> Plan:
    """Compile a config (or other rules or model on its ballots) for the kernel.

    Parameters
    ----------
    config : Config
    system : ElectionSystem, optional
        Rules to use instead of the config's.
    model : Model, optional
        Model to use instead of the config's ``[model]``.
    share_bins : int
        Bins of the share histogram to tally (0: none).
    sweep : Sweep, optional
        Rules to sweep instead of the config's ``[sweep]``.
    indices : bool, optional
        Tally the effective number of parties and Gallagher's index of every
        draw; by default the config's ``[run] indices``, or only when the run
        sweeps rules (a plain run does not pay for them).

    Returns
    -------
    Plan
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
    system = system or config.system
    sweep = config.sweep if sweep is None else sweep
    by_district = get_linkage(config.chamber.linkage).by_district
    held_by_district = config.chamber.held_by_district if by_district else {}
    rules = compile_rules(system, ballots, sweep, held_by_district)
    if getattr(model, "n_districts", 1) != rules.n_districts:
        raise ConfigError(
            f"the model draws {getattr(model, 'n_districts', 1)} district(s), "
            f"the rules allocate {rules.n_districts}"
        )
    if model.votes_are_counts:  # draws are ballots already: Droop's "+ 1" needs no scaling
        rules = rules.without_scaling()
    axes = _rule_axes(config, system, sweep)
    coalitions = list(config.coalitions.values())
    members = np.array(
        [[party in coalition for party in ballots.parties] for coalition in coalitions * 2],
        dtype=np.bool_,
    ).reshape(2 * len(coalitions), len(ballots.parties))
    need = np.array(
        [
            [chamber.need(coalition) for coalition in coalitions]
            + [chamber.need(coalition, target=chamber.supermajority) for coalition in coalitions]
            for _ in axes.allocations
            for chamber in axes.chambers
        ],
        dtype=np.int64,
    ).reshape(len(axes.allocations) * len(axes.chambers), 2 * len(coalitions))
    tier = _compile_tier(config, system, sweep, indices)
    plan = Plan(
        parties=tuple(ballots.parties),
        n_components=len(names),
        rules=rules,
        params=model.kernel_params(),
        coalitions=Coalitions(members=members, need=need),
        coalition_names=tuple(config.coalitions),
        axes=axes,
        n_available=model.n_available,
        share_bins=share_bins,
        indices=False if tier is not None else _wants_indices(indices, config, axes),
        tier=tier,
        names=tuple(ballots.parties)
        if tier is None
        else tier_names(ballots.parties, config.chamber, config.constituencies),
    )
    _check_tally_size(plan)
    return plan


def _compile_tier(config, system, sweep, indices):
    """The linked tiers of a whole chamber, or None for a list tier with held seats added."""
    chamber, constituencies = config.chamber, config.constituencies
    if constituencies is None and not get_linkage(chamber.linkage).inside_house:
        return None  # parallel, or additional members region by region: held seats add up
    what = f"chamber.linkage {chamber.linkage!r}"
    if constituencies is not None:
        what = "[constituencies]"
    if system.districts is not None:
        raise ConfigError(f"{what} goes with one national list, not with [districts], so far")
    if "threshold" in sweep.dims or "n_seats" in sweep.dims:
        raise ConfigError(
            f"{what} links two tiers draw by draw: sweep methods only, not thresholds or seats"
        )
    for choice in (indices, config.run.indices):
        if choice:
            raise ConfigError(
                f"indices are tallied for a list tier alone, not for the whole chamber of {what}"
            )
    return compile_tier(
        config.ballots,
        chamber,
        constituencies,
        n_seats=system.n_seats,
        alternative=system.threshold.alternative,
        elsewhere=system.threshold.elsewhere,
    )


def _wants_indices(indices, config, axes):
    """The flag, else the config's ``[run] indices``, else whether the run sweeps rules."""
    for choice in (indices, config.run.indices):
        if choice is not None:
            return bool(choice)
    return bool(axes.dims)


def _rule_axes(config, system, sweep):
    seat_counts = tuple(sweep.seat_values(system))
    return RuleAxes(
        dims=sweep.dims,
        thresholds=tuple(sweep.threshold_values(system)),
        allocations=tuple(method.name for method in sweep.method_values(system)),
        seat_counts=seat_counts,
        chambers=tuple(config.chamber.resized(n - config.system.n_seats) for n in seat_counts),
        sweep=sweep,
    )


def _check_tally_size(plan):
    """Refuse a sweep whose tallies would not fit in memory, before any work."""
    size = plan.tally_bytes()
    if size > MAX_TALLY_BYTES:
        grid = " x ".join(str(n) for n in plan.axes.shape)
        raise ConfigError(
            f"the sweep (threshold x method x seats = {grid}) needs {size / 1024**3:.1f} GiB "
            f"of counts per chunk; at most {MAX_TALLY_BYTES / 1024**3:.0f} GiB: sweep fewer values"
        )
