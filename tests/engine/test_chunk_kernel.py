"""The fused chunk kernel against the exact engine, draw by draw, on the same draws."""

import math
from fractions import Fraction

import numpy as np
import pytest

from seatcast.engine.ballots import ballots_from_counts
from seatcast.engine.errors import AllocationError
from seatcast.engine.methods import get_method
from seatcast.engine.simulation import build_simulation, chunk_generator
from seatcast.engine.system import ElectionSystem
from seatcast.engine.thresholds import Threshold
from seatcast.engine.ties import TiePolicy
from seatcast.models.dispatch import draw_block
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
    simulation = build_simulation(config, system=system)
    tallies = simulation.run_chunk(5, 3, chunk_size=N_DRAWS, n_draws=10 * N_DRAWS)
    draws = draw_block(
        simulation.params, chunk_generator(5, 3), 3 * N_DRAWS, N_DRAWS, simulation.n_components
    )
    if simulation.rules.vote_total:  # Droop: weights become ballots, as in the kernel
        scale_to_total_rows(draws, simulation.rules.vote_total)
    ballots = config.ballots
    seat_count, pass_count, failed = exact_tallies(system, ballots.parties, ballots.others, draws)
    assert np.array_equal(tallies.seat_count, seat_count)
    assert np.array_equal(tallies.pass_count, pass_count)
    assert tallies.status_count[1:].sum() == failed
    assert tallies.status_count.sum() == N_DRAWS


def test_draws_that_no_party_passes_count_as_failed_with_no_seats():
    config = config_with(model={"kind": "dirichlet", "concentration": 20})
    simulation = build_simulation(config, system=rules("hare", 69, "0.6"))
    tallies = simulation.run_chunk(1, 0, chunk_size=2000, n_draws=2000)
    failed = tallies.status_count[1:].sum()
    assert 0 < failed < 2000  # Amanat (54 %) reaches 60 % in some draws only
    assert tallies.seat_count[0, 0] == failed
    assert tallies.seat_count[1:, 0].sum() == 6 * 2000


def test_coalition_tally_counts_joint_majorities():
    config = config_with(
        model={"kind": "logit-normal", "sd": 0.3},
        coalitions={"Amanat alone": ["Amanat"], "opposition": ["Auyl", "Respublica", "JSDP"]},
        chamber={"seats": 98, "majority": 50, "held": {"Amanat": 15}},
    )
    simulation = build_simulation(config)
    tallies = simulation.run_chunk(2, 0, chunk_size=3000, n_draws=3000)
    # Amanat's joint tally must equal its marginal: seats >= 50 - 15.
    assert tallies.coalition_count[0] == tallies.seat_count[0, 35:].sum()
    assert 0 < tallies.coalition_count[0] < 3000
    assert tallies.coalition_count[1] == 0  # 3 small parties never reach 50 of 98
