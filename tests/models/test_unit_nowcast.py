"""The election-night model on known units: its kernel against a NumPy reference, its contracts."""

from dataclasses import dataclass

import numpy as np
import pytest

from seatcast.engine.kernels.normals import new_stream
from seatcast.models.previous import PreviousResult
from seatcast.models.registry import BLOCK_SIZE, draw_block
from seatcast.models.snapshots import SIZE_FIELDS, Snapshot
from seatcast.models.unit_design import build_design
from seatcast.models.unit_nowcast import (
    TAIL_DOF,
    UnitNowcastModel,
    UnitNowcastParams,
    draw_unit_nowcast,
)
from seatcast.models.units import Units, align_snapshot
from tests.normals import stream_normals

COMPONENTS = ("A", "B", "C", "New", "Blank")
PREVIOUS_PARTIES = ("A", "B", "C", "Old")
DISTRICTS = ("North", "South", "East")
N_UNITS = 60
N_ABROAD = 3


@dataclass(frozen=True)
class Election:
    """A synthetic night: every unit, the previous result and the true final votes.

    Parameters
    ----------
    units : Units
    previous : PreviousResult
    final : ndarray of int64, (units, components)
    components : tuple of str
    """

    units: Units
    previous: PreviousResult
    final: np.ndarray
    components: tuple = COMPONENTS

    def unit(self, name):
        """Index of the unit ``name``."""
        return self.units.position[name]

    def largest(self, kind):
        """The id of the unit of ``kind`` with the most final ballots."""
        ballots = self.final.sum(axis=1)
        return max(
            (u for u, k in zip(self.units.ids, self.units.kinds, strict=True) if k == kind),
            key=lambda u: ballots[self.unit(u)],
        )


def synthetic_election(seed=5, *, new_in_previous=False, noise=0.01):
    """60 units in three districts (every sixth a city) and three units abroad without a past.

    ``A`` gains 3 points on its previous share, ``B`` loses 2, ``C`` holds,
    ``New`` (not in the previous file, or there with zeros everywhere when
    ``new_in_previous``) takes about 8 % everywhere and ``Blank`` is what
    ``Old`` leaves.  Turnout is 5 % above the previous one.
    """
    rng = np.random.default_rng(seed)
    kinds = ("city" if i % 6 == 0 else "rural" for i in range(N_UNITS))
    kinds = (*kinds, *["abroad"] * N_ABROAD)
    ids = (*(f"u{i:02d}" for i in range(N_UNITS)), *(f"abroad {i}" for i in range(N_ABROAD)))
    districts = (*(DISTRICTS[i % 3] for i in range(N_UNITS)), *["North"] * N_ABROAD)
    city = np.array(kinds) == "city"
    registered = np.where(
        city, rng.integers(40_000, 120_000, len(ids)), rng.integers(3_000, 20_000, len(ids))
    ).astype(np.float64)
    registered[N_UNITS:] = rng.integers(800, 3_000, N_ABROAD)
    units = Units(
        ids=ids,
        precincts_total=np.maximum(1.0, registered // 1500),
        registered=registered,
        districts=districts,
        kinds=kinds,
        source="units.csv",
    )
    before = rng.dirichlet([8.0, 6.0, 3.0, 2.0], N_UNITS)
    before_ballots = np.round(registered[:N_UNITS] * rng.uniform(0.5, 0.7, N_UNITS))
    parties = (*PREVIOUS_PARTIES, "New") if new_in_previous else PREVIOUS_PARTIES
    votes = np.round(before * before_ballots[:, None])
    if new_in_previous:
        votes = np.column_stack([votes, np.zeros(N_UNITS)])
    previous = PreviousResult(
        regions=ids[:N_UNITS],
        parties=parties,
        votes=votes,
        ballots=votes.sum(axis=1),
        registered=registered[:N_UNITS],
        source="previous.csv",
    )
    after = np.column_stack(
        [
            before[:, 0] + 0.03,
            before[:, 1] - 0.02,
            before[:, 2],
            np.full(N_UNITS, 0.08),
            before[:, 3],
        ]
    )
    after = np.vstack([after, np.tile([0.2, 0.5, 0.15, 0.1, 0.05], (N_ABROAD, 1))])
    after = np.maximum(after + rng.normal(0.0, noise, after.shape), 0.001)
    after /= after.sum(axis=1, keepdims=True)
    turnout = np.concatenate([before_ballots / registered[:N_UNITS] * 1.05, np.full(N_ABROAD, 0.4)])
    ballots = np.round(registered * turnout * np.exp(rng.normal(0.0, 0.03, len(ids))))
    final = np.array([rng.multinomial(int(b), s) for b, s in zip(ballots, after, strict=True)])
    return Election(units, previous, final)


def linear_election(n_units=40, swing=0.05, ratio=1.1):
    """Three parties whose shares are the previous ones plus a uniform swing, with no noise.

    ``A`` gains ``swing``, ``B`` loses it, ``C`` holds; every unit casts
    ``ratio`` times its previous ballots.  Units are large, so that whole
    votes round the shares by about 1e-7 only.
    """
    rng = np.random.default_rng(11)
    ids = tuple(f"u{i:02d}" for i in range(n_units))
    registered = rng.integers(2_000_000, 5_000_000, n_units).astype(np.float64)
    units = Units(
        ids=ids,
        precincts_total=np.full(n_units, 100.0),
        registered=registered,
        districts=tuple(DISTRICTS[i % 3] for i in range(n_units)),
        kinds=tuple("city" if i % 4 == 0 else "rural" for i in range(n_units)),
        source="units.csv",
    )
    a, b = rng.uniform(0.15, 0.45, n_units), rng.uniform(0.2, 0.4, n_units)
    before = np.column_stack([a, b, 1.0 - a - b])
    before_ballots = np.round(registered * rng.uniform(0.4, 0.7, n_units))
    votes = np.round(before * before_ballots[:, None])
    previous = PreviousResult(
        regions=ids,
        parties=("A", "B", "C"),
        votes=votes,
        ballots=votes.sum(axis=1),
        registered=registered,
        source="previous.csv",
    )
    shares = votes / votes.sum(axis=1, keepdims=True) + np.array([swing, -swing, 0.0])
    final = np.round(shares * ratio * votes.sum(axis=1, keepdims=True)).astype(np.int64)
    return Election(units, previous, final, components=("A", "B", "C"))


def snapshot(election, counted, fractions=None, label="s"):
    """A snapshot of the units ``counted``: finished, or at ``fractions[unit]`` of their precincts.

    A unit's votes are its final votes in proportion to the precincts it reported.
    """
    fractions = fractions or {}
    rows = np.array([election.unit(u) for u in counted], dtype=np.int64)
    total = election.units.precincts_total[rows]
    reported = np.floor(total * np.array([fractions.get(u, 1.0) for u in counted]))
    votes = np.round(election.final[rows] * (reported / total)[:, None]).astype(np.int64)
    sizes = {field: np.full(len(rows), np.nan) for field in SIZE_FIELDS}
    sizes["precincts_reported"], sizes["precincts_total"] = reported, total
    return Snapshot(label, "", tuple(counted), election.components, votes, sizes)


def build_model(election, snap, districts=DISTRICTS):
    """The UnitNowcastModel of a snapshot of ``election``."""
    design = build_design(election.units, election.components, election.previous)
    return UnitNowcastModel(
        names=election.components,
        units=election.units,
        count=align_snapshot(snap, election.units),
        design=design,
        district_names=districts,
    )


def all_but(election, *left_out):
    """Every unit's id but those ``left_out``."""
    return [u for u in election.units.ids if u not in left_out]


def draws(model, n_draws=2000, seed=1):
    """``n_draws`` draws of the model's kernel, (draws, districts, components)."""
    params = model.kernel_params()
    n_districts, n = params.counted.shape
    block = draw_block(params, np.random.default_rng(seed), 0, n_draws, n_districts * n)
    return block.reshape(n_draws, n_districts, n)


def national_shares(block):
    """Each draw's national shares, from draws shaped (draws, districts, components)."""
    national = block.sum(axis=1)
    return national / national.sum(axis=1, keepdims=True)


# --- the kernel against a plain NumPy reference -------------------------------------------


def student_scale(rng, dof):
    """``sqrt(dof / chi2(dof))``: the factor that makes a normal a Student-t with ``dof``."""
    return np.sqrt(dof / rng.chisquare(dof))


def reference_block(params, rng, rows):
    """A block of ``rows`` draws of :func:`draw_unit_nowcast`, from its module docstring.

    In plain NumPy, a draw per column; random numbers are taken in the
    kernel's order: the seed of the block's normals, per row the common
    swing's and the common turnout's chi-squares, per unseen kind per row
    its chi-square, then per district with ballots left its own per row
    (silent districts only, just before its normals).  Normals come in runs
    of one per row: the common swing's, the common turnout's, each unseen
    kind's turnout and swing, then per district with ballots left its
    turnout and one run per component that stands there.
    """
    n_districts, n = params.counted.shape
    n_kinds = params.kind_sd.shape[0]
    stream = new_stream(rng)

    def runs(count):
        return stream_normals(stream, count * rows).reshape(count, rows)

    swing_scale = np.empty(rows)
    turnout_scale = np.empty(rows)
    for row in range(rows):
        swing_scale[row] = student_scale(rng, params.swing_dof)
        turnout_scale[row] = params.swing_turnout_sd * student_scale(rng, params.swing_dof)
    kind_scale = np.array(
        [[student_scale(rng, TAIL_DOF) for _ in range(rows)] for _ in range(n_kinds)]
    ).reshape(n_kinds, rows)
    z = runs(n + 1)
    swing = swing_scale * (params.swing_chol @ z[:n])
    turnout = turnout_scale * z[n]
    kind_turnout = np.empty((n_kinds, rows))
    kind_swing = np.empty((n_kinds, n, rows))
    for k in range(n_kinds):
        z = runs(n + 1)
        kind_turnout[k] = kind_scale[k] * params.kind_turnout_sd[k] * z[n]
        kind_swing[k] = kind_scale[k] * params.kind_sd[k][:, None] * z[:n]
    final = np.repeat(params.counted[None], rows, axis=0)
    for d in range(n_districts):
        if params.remaining[d] <= 0:
            continue
        own = np.ones(rows)
        if params.silent[d]:
            own = np.array([student_scale(rng, TAIL_DOF) for _ in range(rows)])
        standing = params.share_mean[d] > 0
        z = runs(1 + standing.sum())
        pi = params.kind_weight[d]
        ballots = params.remaining[d] * np.exp(
            turnout + own * params.turnout_sd[d] * z[0] + pi @ kind_turnout
        )
        error = np.zeros((n, rows))
        error[standing] = own * params.share_sd[d, standing][:, None] * z[1:]
        share = params.share_mean[d][:, None] + swing + error
        share += np.einsum("k,kjr->jr", pi, kind_swing)
        share = np.where(standing[:, None], np.maximum(share, 0.0), 0.0)
        total = share.sum(axis=0)
        factor = np.divide(ballots, total, out=np.zeros(rows), where=total > 0)
        final[:, d] += (share * factor).T
    return final.reshape(rows, -1)


def hand_made_params():
    """Four districts, two unseen kinds: ordinary, silent, finished, and one a party skips."""
    rng = np.random.default_rng(3)
    n = 4
    covariance = np.cov(rng.normal(0.0, 0.01, (n, 12)))
    mean = np.array(
        [[0.4, 0.3, 0.2, 0.1], [0.5, 0.2, 0.2, 0.1], [0.3, 0.3, 0.3, 0.1], [0.6, 0.0, 0.3, 0.1]]
    )
    return UnitNowcastParams(
        counted=np.array(
            [[400.0, 300, 200, 100], [0, 0, 0, 0], [3000, 3000, 3000, 1000], [60, 0, 30, 10]]
        ),
        remaining=np.array([1000.0, 5000.0, 0.0, 300.0]),
        share_mean=mean,
        share_sd=np.full((4, n), 0.02),
        turnout_sd=np.array([0.05, 0.1, 0.05, 0.02]),
        silent=np.array([False, True, False, False]),
        swing_chol=np.linalg.cholesky(covariance),
        swing_turnout_sd=0.03,
        swing_dof=4.0,
        kind_weight=np.array([[0.0, 0.0], [0.5, 0.2], [0.0, 0.0], [0.0, 1.0]]),
        kind_sd=np.array([[0.05, 0.02, 0.03, 0.01], [0.01, 0.04, 0.02, 0.03]]),
        kind_turnout_sd=np.array([0.1, 0.2]),
    )


def model_params(case):
    """Kernel params of a synthetic snapshot: one partly counted unit, or a silent district."""
    election = synthetic_election()
    ids = election.units.ids
    if case == "partial":
        counted = [u for i, u in enumerate(ids) if i % 2 == 0 and not u.startswith("abroad")]
        snap = snapshot(election, counted, {counted[0]: 0.5})
    else:
        east = [u for u, d in zip(ids, election.units.districts, strict=True) if d == "East"]
        snap = snapshot(election, [u for u in ids[:30] if u not in east])
    return build_model(election, snap).kernel_params()


@pytest.mark.parametrize("case", ["partial", "silent district", "hand-made"])
def test_kernel_matches_the_numpy_reference(case):
    params = hand_made_params() if case == "hand-made" else model_params(case)
    if case == "silent district":
        assert params.silent.any()
    assert params.kind_sd.shape[0] > 0  # unseen kinds are drawn
    n_rows = 20
    out = np.empty((n_rows, params.counted.size))
    draw_unit_nowcast(params, np.random.default_rng(42), 0, out)
    expected = reference_block(params, np.random.default_rng(42), n_rows)
    np.testing.assert_allclose(out, expected, rtol=1e-9, atol=0.0)
    assert (out != params.counted.ravel()).any()  # something was drawn


def test_the_kernel_through_draw_block_matches_the_reference_block_by_block():
    params = hand_made_params()
    drawn = draw_block(params, np.random.default_rng(8), 0, BLOCK_SIZE + 5, params.counted.size)
    rng = np.random.default_rng(8)
    expected = np.vstack([reference_block(params, rng, size) for size in (BLOCK_SIZE, 5)])
    np.testing.assert_allclose(drawn, expected, rtol=1e-9, atol=0.0)


def test_draws_are_reproducible_and_differ_from_row_to_row():
    params = model_params("partial")
    width = params.counted.size
    whole = draw_block(params, np.random.default_rng(9), 0, 40, width)
    again = draw_block(params, np.random.default_rng(9), 0, 40, width)
    np.testing.assert_array_equal(whole, again)
    assert not np.array_equal(whole, draw_block(params, np.random.default_rng(10), 0, 40, width))
    drawn = params.remaining > 0
    by_district = whole.reshape(40, *params.counted.shape)[:, drawn].sum(axis=2)
    assert np.unique(by_district, axis=0).shape[0] == 40  # rows side by side, not copies


# --- contracts ----------------------------------------------------------------------------


def test_a_finished_count_draws_exactly_the_counted_votes():
    election = synthetic_election()
    model = build_model(election, snapshot(election, election.units.ids))
    block = draws(model, n_draws=200)
    assert model.counted_fraction() == 1.0
    assert (block == model.district_counts()[None]).all()
    np.testing.assert_array_equal(block[0].sum(axis=0), election.final.sum(axis=0))


def test_a_unit_absent_from_the_snapshot_has_counted_nothing():
    election = synthetic_election()
    big = election.largest("city")
    model = build_model(election, snapshot(election, all_but(election, big)))
    remaining, _ = model.projection
    ballots = election.final.sum(axis=1)
    true_fraction = 1.0 - ballots[election.unit(big)] / ballots.sum()
    assert true_fraction < 0.95
    assert not model.count.counted[election.unit(big)].any()
    assert remaining[election.unit(big)] > 0
    assert model.counted_fraction() == pytest.approx(true_fraction, abs=0.01)
    district = DISTRICTS.index(election.units.districts[election.unit(big)])
    assert (
        draws(model, n_draws=100)[:, district].sum(axis=1) > model.district_counts()[district].sum()
    ).all()


@pytest.mark.parametrize("new_in_previous", [False, True], ids=["absent", "zeros"])
def test_a_party_new_since_the_previous_election_is_projected(new_in_previous):
    election = synthetic_election(new_in_previous=new_in_previous)
    counted = [u for i, u in enumerate(election.units.ids) if i % 3 != 2]
    model = build_model(election, snapshot(election, counted))
    remaining, shares = model.projection
    new = COMPONENTS.index("New")
    counted_share = model.count.counted[:, new].sum() / model.count.counted.sum()
    uncounted = remaining > 0
    assert uncounted.sum() == len(election.units.ids) - len(counted)
    assert (shares[uncounted, new] > 0.5 * counted_share).all()
    assert (shares[uncounted, new] < 2.0 * counted_share).all()
    drawn = national_shares(draws(model, n_draws=500))[:, new]
    assert drawn.mean() == pytest.approx(
        election.final[:, new].sum() / election.final.sum(), abs=0.01
    )


def test_a_unit_without_a_previous_result_is_projected():
    election = synthetic_election()
    abroad = [u for u in election.units.ids if u.startswith("abroad")]
    model = build_model(election, snapshot(election, all_but(election, *abroad)))
    remaining, shares = model.projection
    rows = [election.unit(u) for u in abroad]
    assert not model.design.has_previous[rows].any()
    assert (remaining[rows] > 0).all()
    np.testing.assert_allclose(shares[rows].sum(axis=1), 1.0, rtol=1e-12)
    assert (shares[rows] >= 0).all()


def expected_ballots(model):
    """Every unit's final ballots as the fit expects them, counted or not."""
    return model.design.size * np.exp(model.fit.turnout.predicted[:, 0])


def predicted_shares(model):
    """Every unit's shares as the fit predicts them (negative ones as 0), rows summing to 1."""
    predicted = np.maximum(model.fit.shares.predicted, 0.0)
    return predicted / predicted.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9])
def test_a_partly_counted_unit_leans_on_its_own_count(fraction):
    election = synthetic_election()
    city = election.largest("city")
    counted = [u for i, u in enumerate(election.units.ids) if i % 2 == 0]
    model = build_model(election, snapshot(election, counted, {city: fraction}))
    u = election.unit(city)
    assert 0 < model.precinct_fraction[u] < 1
    remaining, shares = model.projection
    assert 0 < remaining[u] < expected_ballots(model)[u]
    own = model.count.counted[u] / model.count.counted[u].sum()
    low = np.minimum(own, predicted_shares(model)[u]) - 1e-9
    high = np.maximum(own, predicted_shares(model)[u]) + 1e-9
    assert ((low <= shares[u]) & (shares[u] <= high)).all()
    assert shares[u].sum() == pytest.approx(1.0)


def test_a_unit_counted_without_precinct_figures_is_not_counted_twice():
    election = synthetic_election()
    city = election.largest("city")
    counted = [u for i, u in enumerate(election.units.ids) if i % 2 == 0]
    snap = snapshot(election, counted, {city: 0.5})
    snap.sizes["precincts_reported"][counted.index(city)] = np.nan
    model = build_model(election, snap)
    u = election.unit(city)
    remaining, _ = model.projection
    assert model.count.counted[u].sum() > 0
    assert remaining[u] <= expected_ballots(model)[u]


def test_a_uniform_swing_is_learnt_exactly():
    election = linear_election()
    counted = [u for i, u in enumerate(election.units.ids) if i % 2 == 0]
    model = build_model(election, snapshot(election, counted))
    remaining, shares = model.projection
    uncounted = remaining > 0
    truth = election.final / election.final.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(shares[uncounted], truth[uncounted], atol=1e-3)
    ballots = election.final.sum(axis=1)
    np.testing.assert_allclose(remaining[uncounted], ballots[uncounted], rtol=1e-3)


def with_units(election, *, districts=None, scale=None):
    """``election`` with other districts, or with the units of ``scale`` ten times larger."""
    units, final = election.units, election.final.copy()
    registered = units.registered.copy()
    for name in scale or ():
        registered[election.unit(name)] *= 10
        final[election.unit(name)] *= 10
    units = Units(
        ids=units.ids,
        precincts_total=units.precincts_total,
        registered=registered,
        districts=districts or units.districts,
        kinds=units.kinds,
        source=units.source,
    )
    return Election(units, election.previous, final)


def left_uncounted(case):
    """A synthetic election, the units it leaves uncounted, and its districts."""
    election = synthetic_election()
    ids = election.units.ids
    if case == "abroad":
        abroad = tuple(u for u in ids if u.startswith("abroad"))
        return with_units(election, scale=abroad), abroad, DISTRICTS
    left_out = (election.largest("rural" if case == "silent district" else case),)
    if case == "silent district":
        # The unit is a district of its own, where nothing is counted.
        districts = tuple(
            "Lone" if u in left_out else d
            for u, d in zip(ids, election.units.districts, strict=True)
        )
        return with_units(election, districts=districts), left_out, (*DISTRICTS, "Lone")
    return election, left_out, DISTRICTS


@pytest.mark.parametrize("case", ["rural", "city", "abroad", "silent district"])
def test_an_uncounted_unit_keeps_the_projection_uncertain(case):
    election, left_out, names = left_uncounted(case)
    model = build_model(election, snapshot(election, all_but(election, *left_out)), names)
    remaining, _ = model.projection
    expected = model.count.counted.sum() + remaining.sum()
    assert all(remaining[election.unit(u)] >= 0.01 * expected for u in left_out)
    if case == "silent district":
        assert model.kernel_params().silent.tolist() == [False, False, False, True]
    spread = national_shares(draws(model, n_draws=1000)).std(axis=0)
    main = [COMPONENTS.index(p) for p in ("A", "B", "C", "New")]
    # Far above the Cholesky jitter's 1e-9 or so: the uncounted unit's errors are drawn.
    assert (spread[main] > 1e-3 * remaining.sum() / expected).all()


def test_a_perfect_fit_still_leaves_an_uncounted_unit_uncertain():
    election = linear_election()
    ids = election.units.ids
    biggest = ids[int(np.argmax(election.final.sum(axis=1)))]
    model = build_model(election, snapshot(election, [u for u in ids if u != biggest]))
    remaining, _ = model.projection
    assert remaining.sum() >= 0.01 * (model.count.counted.sum() + remaining.sum())
    spread = national_shares(draws(model, n_draws=1000)).std(axis=0)
    # At least the sampling noise of one unit (about 3e-4 in share) on its
    # part of the ballots, far above the Cholesky jitter: not a collapse.
    share_of_ballots = remaining.sum() / (model.count.counted.sum() + remaining.sum())
    assert (spread > 0.5 * 3e-4 * share_of_ballots).all()


@pytest.mark.parametrize("n_counted", [1, 3])
def test_a_few_counted_units_leave_the_final_result_uncertain(n_counted):
    election = synthetic_election()
    counted = list(election.units.ids[:n_counted])
    model = build_model(election, snapshot(election, counted))
    block = draws(model, n_draws=2000)
    ballots = block.sum(axis=(1, 2))
    true = election.final.sum()
    low, high = np.quantile(ballots, [0.05, 0.95])
    assert low < true < high
    shares = national_shares(block)
    truth = election.final.sum(axis=0) / true
    low, high = np.quantile(shares, [0.05, 0.95], axis=0)
    main = [COMPONENTS.index(p) for p in ("A", "B", "C")]
    assert ((low[main] < truth[main]) & (truth[main] < high[main])).all()


def test_precinct_figures_come_from_the_snapshot_when_the_units_lack_them():
    election = synthetic_election()
    units = election.units
    without = type(units)(
        ids=units.ids,
        precincts_total=np.full(len(units.ids), np.nan),
        registered=units.registered,
        districts=units.districts,
        kinds=units.kinds,
        source=units.source,
    )
    half = units.ids[4]
    snap = snapshot(election, [half], {half: 0.5})
    model = build_model(type(election)(without, election.previous, election.final), snap)
    u = election.unit(half)
    total = units.precincts_total[u]
    assert model.precinct_fraction[u] == pytest.approx(np.floor(total * 0.5) / total)
