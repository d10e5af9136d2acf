"""Each linkage rule's kernel form gives the exact chamber, on random and hand-checked inputs."""

from fractions import Fraction

import numpy as np
import pytest
from numba import njit

from seatcast.engine.errors import AllocationError
from seatcast.engine.kernels.allocation import SCRATCH_PER_PARTY
from seatcast.engine.kernels.codes import NO_LIST_SEATS, OK
from seatcast.engine.kernels.linkage import link_tiers
from seatcast.engine.rules.ballots import ballots_from_counts
from seatcast.engine.rules.chamber import build_chamber
from seatcast.engine.rules.linkage import allocate_chamber
from seatcast.engine.rules.methods import get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy
from seatcast.engine.run.compiled_rules import compile_rules
from seatcast.engine.run.compiled_tier import LINKAGE_CODES

METHODS = ("sainte-lague", "dhondt", "modified-sainte-lague", "hare", "droop")


@njit
def _link(code, table, votes, eligible, won):
    n_parties, n_names = eligible.shape[0], won.shape[0]
    entitled = np.zeros(n_parties, dtype=np.int64)
    listed = np.zeros(n_names, dtype=np.int64)
    seated = np.zeros(n_names, dtype=np.int64)
    taking = np.empty(n_parties, dtype=np.bool_)
    work = np.empty(SCRATCH_PER_PARTY * n_parties)
    status = link_tiers(
        code, table, 0, votes, eligible, won, taking, work, entitled, listed, seated
    )
    return status, listed, seated


def kernel_chamber(linkage, method, votes, held, n_seats, alternative):
    """The kernel's chamber: list and constituency seats by name, or a status."""
    ballots = ballots_from_counts(votes)
    won_parties = {name: count for name, count in held.items() if name in votes}
    threshold = Threshold(Fraction(1, 20), alternative=alternative, elsewhere=won_parties)
    system = ElectionSystem(n_seats, get_method(method), threshold, TiePolicy("error"))
    rules = compile_rules(system, ballots)
    (table,) = rules.tables
    names = [*votes, *(name for name in held if name not in votes)]
    won = np.array([held.get(name, 0) for name in names], dtype=np.int64)
    eligible = np.array(threshold.eligible(ballots), dtype=np.bool_)
    counts = np.array(list(votes.values()), dtype=np.float64)
    status, listed, seated = _link(LINKAGE_CODES[linkage], table, counts, eligible, won)
    exact = allocate_chamber(
        system, ballots, build_chamber(n_seats, ballots.parties, held=held, linkage=linkage)
    )
    pairs = zip(listed.tolist(), seated.tolist(), strict=True)
    return status, dict(zip(names, pairs, strict=True)), exact


def exact_by_name(exact):
    return {
        name: (listed, seated)
        for name, listed, seated in zip(
            exact.names, exact.list_seats, exact.constituency_seats, strict=True
        )
    }


def random_case(rng):
    n_parties = int(rng.integers(1, 9))
    votes = {f"P{i}": int(rng.integers(1, 10**6)) for i in range(n_parties)}
    if rng.random() < 0.3:  # some small parties, under the threshold
        for name in list(votes)[n_parties // 2 :]:
            votes[name] = int(rng.integers(1, 3 * 10**4))
    n_seats = int(rng.integers(1, 60))
    held = {}
    budget = int(rng.integers(0, n_seats + 1))
    for name in [*votes, "Independent"]:
        take = int(rng.integers(0, budget + 1)) if budget else 0
        if take:
            held[name] = take
            budget -= take
    return votes, held, n_seats, int(rng.integers(0, 3))


@pytest.mark.parametrize("linkage", sorted(LINKAGE_CODES))
def test_kernel_linkage_equals_exact_on_random_inputs(linkage):
    rng = np.random.default_rng(20261201)
    compared = 0
    for trial in range(300):
        method = METHODS[trial % len(METHODS)]
        votes, held, n_seats, alternative = random_case(rng)
        try:
            status, kernel, exact = kernel_chamber(
                linkage, method, votes, held, n_seats, alternative
            )
        except AllocationError:  # an exact tie, or nobody passes: not what this compares
            continue
        except Exception as error:  # the house left to the list tier is empty
            if "leaves" in str(error):
                continue
            raise
        if exact.allocation.ties:
            continue
        assert status == OK, (linkage, method, votes, held, n_seats)
        assert kernel == exact_by_name(exact), (linkage, method, votes, held, n_seats)
        compared += 1
    assert compared >= 150


@pytest.mark.parametrize(
    ("linkage", "held", "expect"),
    [
        # A wins 13 constituencies against an entitlement of 11 (Sainte-Laguë of 20).
        ("mmp", {"A": 13, "B": 1}, {"A": (0, 13), "B": (5, 1), "C": (3, 0)}),
        ("mmp-capped", {"A": 13, "B": 1}, {"A": (0, 11), "B": (5, 1), "C": (3, 0)}),
        # Leveling sets A aside: B and C share the 7 seats left (5 and 2).
        ("leveling", {"A": 13, "B": 1}, {"A": (0, 13), "B": (4, 1), "C": (2, 0)}),
        ("leveling-returned", {"A": 13, "B": 1}, {"A": (0, 11), "B": (5, 1), "C": (3, 0)}),
        # D, under 5 %, won a constituency: it keeps it and the others share 19
        # (A 10), or under mmp-capped it is not seated and they share 20 (A 11).
        ("mmp", {"D": 1}, {"A": (10, 0), "D": (0, 1)}),
        ("mmp-capped", {"D": 1}, {"A": (11, 0), "D": (0, 0)}),
        ("leveling-returned", {"D": 1}, {"A": (10, 0), "D": (0, 1)}),
        # The independents are seated first; the parties share 18 (A 9).
        ("mmp-capped", {"Independent": 2}, {"A": (9, 0), "Independent": (0, 2)}),
    ],
)
def test_kernel_linkage_on_hand_checked_cases(linkage, held, expect):
    votes = {"A": 5000, "B": 3000, "C": 1500, "D": 400, "E": 100}
    status, kernel, exact = kernel_chamber(linkage, "sainte-lague", votes, held, 20, 0)
    assert status == OK
    assert kernel == exact_by_name(exact)
    for name, seats in expect.items():
        assert kernel[name] == seats


def test_kernel_reports_a_house_filled_by_seats_outside_the_lists():
    votes = {"A": 5000, "B": 3000}
    ballots = ballots_from_counts(votes)
    system = ElectionSystem(3, get_method("dhondt"), Threshold(Fraction(1, 20)))
    (table,) = compile_rules(system, ballots).tables
    won = np.array([0, 0, 3], dtype=np.int64)
    eligible = np.ones(2, dtype=np.bool_)
    status, _, _ = _link(LINKAGE_CODES["mmp"], table, np.array([5000.0, 3000.0]), eligible, won)
    assert status == NO_LIST_SEATS
