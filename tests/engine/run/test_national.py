"""The lean national kernel against the general chunk kernel: the same tallies, bit for bit."""

from fractions import Fraction

import numpy as np
import pytest

from seatcast.engine.config.reader import load_config
from seatcast.engine.config.sweep import Sweep
from seatcast.engine.rules.methods import get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy
from seatcast.engine.run.chunk import chunk_kernel
from seatcast.engine.run.national import national_kernel
from seatcast.engine.run.plan import build_plan, chunk_generator
from tests.configs import CONFIGS, config_with

N_DRAWS = 3000

COALITIONS = {"Amanat alone": ["Amanat"], "opposition": ["Auyl", "Respublica", "JSDP"]}
CHAMBER = {"seats": 98, "majority": 50, "held": {"Amanat": 15}}


def both_kernels(plan, seed=4):
    """The tallies of one chunk by the national kernel and by the general one."""
    results = []
    for kernel in (national_kernel, chunk_kernel):
        tallies = plan.empty_tallies()
        rng = chunk_generator(seed, 1)
        width = plan.n_components
        kernel(plan.params, plan.rules, plan.coalitions, rng, 0, N_DRAWS, width, tallies)
        results.append(tallies)
    return results


def system(method, threshold, **options):
    return ElectionSystem(
        69, get_method(method), Threshold(Fraction(threshold), "all", **options), TiePolicy("lot")
    )


CASES = {
    "droop rescaled": dict(system=system("droop", "0.05")),
    "dhondt strict": dict(system=system("dhondt", "0.06", strict=True)),
    "exempt and own threshold": dict(
        system=system(
            "sainte-lague", "0.07", exempt=frozenset({"JSDP"}), by_party={"Auyl": Fraction(1, 10)}
        )
    ),
    "no one clears in some draws": dict(system=system("hare", "0.5")),
    "methods and seats swept": dict(
        sweep=Sweep(
            methods=tuple(map(get_method, ("hare", "droop", "dhondt", "huntington-hill"))),
            seats=(7, 69, 300),
        )
    ),
    "shares and indices": dict(share_bins=50, indices=True),
}


@pytest.mark.parametrize("case", CASES)
def test_national_kernel_equals_the_general_kernel(case):
    config = config_with(
        model={"kind": "logit-normal", "sd": 0.4, "systematic": {"Amanat": 0.3}},
        coalitions=COALITIONS,
        chamber=CHAMBER,
    )
    plan = build_plan(config, **CASES[case])
    assert plan.is_national
    lean, general = both_kernels(plan)
    for name in lean._fields:
        assert np.array_equal(getattr(lean, name), getattr(general, name)), name
    assert lean.status_count.sum() == N_DRAWS * plan.rules.n_rows
    assert lean.seat_count.any()
    if case == "no one clears in some draws":
        assert 0 < lean.status_count[0, 0, 1:].sum() < N_DRAWS
    if case == "shares and indices":
        assert lean.share_count.sum() == N_DRAWS * plan.n_components
        assert lean.index_count.sum() == 2 * N_DRAWS


def test_runs_with_districts_or_a_threshold_grid_take_the_general_kernel():
    config = config_with(model={"kind": "logit-normal", "sd": 0.1})
    grid = Sweep(thresholds=(Fraction(3, 100), Fraction(5, 100)))
    assert not build_plan(config, sweep=grid).is_national
    assert not build_plan(load_config(CONFIGS / "poland-sejm-2019.toml")).is_national
