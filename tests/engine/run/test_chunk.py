"""The fused chunk kernel against the exact engine, draw by draw, on the same draws."""

import math
from fractions import Fraction

import numpy as np
import pytest

from seatcast.engine.config.sweep import Sweep
from seatcast.engine.errors import AllocationError
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.rules.methods import get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy
from seatcast.engine.run.plan import build_plan, chunk_generator
from seatcast.models.registry import draw_block
from tests.configs import config_with

N_DRAWS = 400


def exact_tallies(system, parties, others, draws):
    """Seat histogram and pass counts from the exact engine on each float draw's exact value."""
    n_seats = system.n_seats
    seat_count = np.zeros((len(parties), n_seats + 1), dtype=np.int64)
    pass_count = np.zeros(len(parties), dtype=np.int64)
    failed = 0
    for row in draws:
        exact = [Fraction(float(w)) for w in row]  # binary floats: denominators are powers of 2
        scale = math.lcm(*(value.denominator for value in exact))
        units = [int(value * scale) for value in exact]
        ballots = ballots_from_counts(
            dict(zip(parties, units[: len(parties)], strict=True)),
            dict(zip(others, units[len(parties) :], strict=True)),
            most=None,
        )
        try:
            allocation = system.allocate(ballots)
        except AllocationError:
            failed += 1
            seat_count[:, 0] += 1
            pass_count += np.array(system.threshold.eligible(ballots), dtype=np.int64)
            continue
        seat_count[np.arange(len(parties)), allocation.seats] += 1
        pass_count += np.array(allocation.eligible, dtype=np.int64)
    return seat_count, pass_count, failed


def scale_to_total_rows(draws, total):
    for row in draws:
        row *= total / sum(float(w) for w in row)  # a sequential sum, as the kernel's


def rules(method, n_seats, threshold, base="all"):
    return ElectionSystem(
        n_seats, get_method(method), Threshold(Fraction(threshold), base), TiePolicy("list-order")
    )


MODELS = {
    "logit-normal": {"kind": "logit-normal", "sd": 0.2},
    "correlated": {
        "kind": "logit-normal",
        "sd": 0.3,
        "correlation": (0.5 * np.eye(8) + 0.5).tolist(),
        "systematic": {"Amanat": -0.2, "Auyl": 0.1},
    },
    "dirichlet": {"kind": "dirichlet", "sample_size": 800},
}


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    ("method", "n_seats", "threshold"),
    [
        ("hare", 69, "0.05"),
        ("dhondt", 69, "0.07"),
        ("sainte-lague", 150, "0.05"),
        ("droop", 20, "0.1"),
        ("huntington-hill", 30, "0.02"),
    ],
)
def test_chunk_tallies_equal_exact_allocation_of_the_same_draws(model, method, n_seats, threshold):
    config = config_with(model=MODELS[model])
    system = rules(method, n_seats, threshold)
    plan = build_plan(config, system=system)
    tallies = plan.run_chunk(5, 3, chunk_size=N_DRAWS, n_draws=10 * N_DRAWS)
    draws = draw_block(plan.params, chunk_generator(5, 3), 3 * N_DRAWS, N_DRAWS, plan.n_components)
    if plan.rules.vote_totals[0]:  # Droop: weights become ballots, as in the kernel
        scale_to_total_rows(draws, plan.rules.vote_totals[0])
    ballots = config.ballots
    seat_count, pass_count, failed = exact_tallies(system, ballots.parties, ballots.others, draws)
    assert np.array_equal(tallies.seat_count[0, 0], seat_count)
    assert np.array_equal(tallies.pass_count[0, 0], pass_count)
    assert tallies.status_count[0, 0, 1:].sum() == failed
    assert tallies.status_count.sum() == N_DRAWS


def test_draws_that_no_party_passes_count_as_failed_with_no_seats():
    config = config_with(model={"kind": "dirichlet", "concentration": 20})
    plan = build_plan(config, system=rules("hare", 69, "0.6"))
    tallies = plan.run_chunk(1, 0, chunk_size=2000, n_draws=2000)
    failed = tallies.status_count[0, 0, 1:].sum()
    assert 0 < failed < 2000  # Amanat (54 %) reaches 60 % in some draws only
    assert tallies.seat_count[0, 0, 0, 0] == failed
    assert tallies.seat_count[0, 0, 1:, 0].sum() == 6 * 2000


def test_coalition_tally_counts_joint_majorities():
    config = config_with(
        model={"kind": "logit-normal", "sd": 0.3},
        coalitions={"Amanat alone": ["Amanat"], "opposition": ["Auyl", "Respublica", "JSDP"]},
        chamber={"seats": 98, "majority": 50, "held": {"Amanat": 15}},
    )
    plan = build_plan(config)
    tallies = plan.run_chunk(2, 0, chunk_size=3000, n_draws=3000)
    # Amanat's joint tally must equal its marginal: seats >= 50 - 15.
    coalition_count, seat_count = tallies.coalition_count[0, 0], tallies.seat_count[0, 0]
    assert coalition_count[0] == seat_count[0, 35:].sum()
    assert 0 < coalition_count[0] < 3000
    assert coalition_count[1] == 0  # 3 small parties never reach 50 of 98


def test_the_grid_walk_equals_brute_force_exact_allocation_at_every_point():
    """One chunk's sweep tallies against the exact engine at every grid point, draw by draw.

    Scale-free methods only: Droop's ``+ 1`` is one vote, which the exact
    engine cannot tell from one unit of a float draw's binary fraction.
    Droop sweeps are checked against single runs in ``test_monte_carlo``.
    """
    config = config_with(model={"kind": "logit-normal", "sd": 0.3})
    grid = tuple(Fraction(k, 400) for k in range(0, 61, 3))  # 0 % to 15 %, 21 points
    n_draws = 300
    for method_name in ("hare", "dhondt", "sainte-lague"):
        sweep = Sweep(thresholds=grid, methods=(get_method(method_name),))
        plan = build_plan(config, sweep=sweep)
        tallies = plan.run_chunk(3, 2, chunk_size=n_draws, n_draws=3 * n_draws)
        counts = {name: np.cumsum(getattr(tallies, name), axis=0) for name in tallies._fields[:4]}
        draws = draw_block(
            plan.params, chunk_generator(3, 2), 2 * n_draws, n_draws, plan.n_components
        )
        ballots = config.ballots
        for point, fraction in enumerate(grid):
            system = ElectionSystem(
                69,
                get_method(method_name),
                Threshold(fraction, "all"),
                TiePolicy("list-order"),
            )
            seat_count, pass_count, failed = exact_tallies(
                system, ballots.parties, ballots.others, draws
            )
            assert np.array_equal(counts["seat_count"][point, 0], seat_count), point
            assert np.array_equal(counts["pass_count"][point, 0], pass_count), point
            assert counts["status_count"][point, 0, 1:].sum() == failed
