"""Election-night model on known units: the fit of the counted units projected onto the rest.

Every unit is known before the night (:mod:`seatcast.models.units`).  At a
snapshot, the fit of :mod:`seatcast.models.unit_fit` predicts each
uncounted unit's share of every component and its turnout; a partly counted
unit's uncounted precincts lean on its own counted shares in proportion to
the share of its precincts counted.  The predictions are summed to districts
(one district, the nation, without ``[districts]``), so the kernel's cost per
draw grows with districts times components, never with units.

A draw of district *d*'s final votes is its counted votes plus
``T[d] * s[d, :]`` where

- ``T[d] = E[d] * exp(t_common + t[d] + sum_k pi[d, k] t_kind[k])``: the
  expected ballots still to count, with a log turnout error common to all
  districts, one of the district's own (its units' noise and its district
  effect) and one per kind of unit that nothing counted resembles yet;
- ``s[d, j]`` is proportional to ``max(m[d, j] + g[j] + e[d, j] + sum_k
  pi[d, k] u[k, j], 0)``: the predicted share, a swing ``g`` common to every
  district (multivariate Student-t whose scale matrix is the fit's swing
  covariance, so its variance is ``dof / (dof - 2)`` times that), the
  district's own error ``e`` (normal; Student-t with 3 degrees of freedom
  in a district where nothing is counted yet) and the swings ``u`` of unseen
  kinds (Student-t with 3 degrees of freedom, scaled by how much the counted
  units' shares differ from one another).

``pi[d, k]`` is the share of district *d*'s uncounted ballots in units of
unseen kind *k* (a kind and whether a unit has a previous result).  A
component that has no votes in a district where the fit expected at least
:data:`ABSENT_VOTES` of them does not stand there and gets none.  With every
unit finished, every draw is the exact count.
"""

import functools
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

import numpy as np
from numba import njit
from threadpoolctl import threadpool_limits

from seatcast.engine.errors import ConfigError
from seatcast.engine.kernels.exponential import exp_with_scratch
from seatcast.engine.kernels.normals import PASS_SIZE, fill_normals, new_stream
from seatcast.engine.kernels.options import BORROWED, INLINE, JIT
from seatcast.models.contract import DrawsCounts
from seatcast.models.unit_design import Design
from seatcast.models.unit_fit import UnitFit, fit_units
from seatcast.models.units import UnitCount, Units

#: Degrees of freedom of the tails of what nothing counted resembles.
TAIL_DOF = 3.0

#: Votes a component would need to be expected to have in a district's
#: counted units, and has not, to be taken as not standing there.
ABSENT_VOTES = 5.0


class UnitNowcastParams(NamedTuple):
    """What the kernel reads (districts with nothing left to count included).

    Parameters
    ----------
    counted : ndarray of float64, (districts, components)
    remaining : ndarray of float64, (districts,)
        Expected ballots still to count (0: finished).
    share_mean : ndarray of float64, (districts, components)
    share_sd : ndarray of float64, (districts, components)
    turnout_sd : ndarray of float64, (districts,)
    silent : ndarray of bool, (districts,)
        Districts where nothing is counted yet.
    swing_chol : ndarray of float64, (components, components)
        Lower Cholesky factor of the common swing's covariance.
    swing_turnout_sd : float
    swing_dof : float
    kind_weight : ndarray of float64, (districts, kinds)
    kind_sd : ndarray of float64, (kinds, components)
    kind_turnout_sd : ndarray of float64, (kinds,)
    """

    counted: np.ndarray
    remaining: np.ndarray
    share_mean: np.ndarray
    share_sd: np.ndarray
    turnout_sd: np.ndarray
    silent: np.ndarray
    swing_chol: np.ndarray
    swing_turnout_sd: float
    swing_dof: float
    kind_weight: np.ndarray
    kind_sd: np.ndarray
    kind_turnout_sd: np.ndarray


@njit(**INLINE)
def _student_scale(rng, dof):
    """``sqrt(dof / chi2(dof))``: the scale that turns a normal into a Student-t."""
    return np.sqrt(dof / rng.chisquare(dof))


class _Block(NamedTuple):
    """Scratch of one block of draws: per row (last axis), or per component and row."""

    normals: np.ndarray  # (components + 1, rows)
    words: np.ndarray  # (PASS_SIZE,), uint64
    exp_bits: np.ndarray  # (PASS_SIZE,), int64
    swing: np.ndarray  # (components, rows)
    kind_swing: np.ndarray  # (kinds, components, rows)
    kind_turnout: np.ndarray  # (kinds, rows)
    turnout: np.ndarray  # (rows,): the common log turnout error
    own: np.ndarray  # (rows,): a silent district's Student-t scale
    log_ballots: np.ndarray  # (rows,)
    shares: np.ndarray  # (components, rows)
    total: np.ndarray  # (rows,)


@njit(**JIT)
def draw_unit_nowcast(params, rng, start, out):
    """Write one draw of every district's final votes into each row of ``out``.

    The rows of a block are drawn side by side, each step for every row at
    once (loops the compiler vectorises).  From ``rng``, in this order: the
    seed of the block's normals (:func:`~seatcast.engine.kernels.normals.new_stream`);
    per row the chi-squares of the common swing and the common turnout;
    per unseen kind, per row, its chi-square; per silent district with
    ballots left, per row, its own.  From the block's normals, each a run
    of one per row: the common swing (one run per component), the common
    turnout, per unseen kind its turnout and swings, then per district with
    ballots left its turnout and one run per component that stands there.
    A district with no ballots of an unseen kind skips the kinds' terms; a
    finished one draws nothing.
    """
    n_districts, n = params.counted.shape
    n_kinds = params.kind_sd.shape[0]
    rows = out.shape[0]
    has_kinds = np.zeros(n_districts, dtype=np.bool_)
    for d in range(n_districts):
        for k in range(n_kinds):
            has_kinds[d] = has_kinds[d] or params.kind_weight[d, k] != 0.0
    stream = new_stream(rng)
    block = _Block(
        normals=np.empty((n + 1, rows)),
        words=np.empty(PASS_SIZE, dtype=np.uint64),
        exp_bits=np.empty(PASS_SIZE, dtype=np.int64),
        swing=np.empty((n, rows)),
        kind_swing=np.empty((n_kinds, n, rows)),
        kind_turnout=np.empty((n_kinds, rows)),
        turnout=np.empty(rows),
        own=np.ones(rows),
        log_ballots=np.empty(rows),
        shares=np.empty((n, rows)),
        total=np.empty(rows),
    )
    scales = np.empty((2 + n_kinds, rows))
    for row in range(rows):
        scales[0, row] = _student_scale(rng, params.swing_dof)
        scales[1, row] = params.swing_turnout_sd * _student_scale(rng, params.swing_dof)
    for k in range(n_kinds):
        for row in range(rows):
            scales[2 + k, row] = _student_scale(rng, TAIL_DOF)
    _draw_common(params, stream, scales, block)
    for d in range(n_districts):
        if params.remaining[d] <= 0.0:
            for row in range(rows):
                for j in range(n):
                    out[row, d * n + j] = params.counted[d, j]
            continue
        if params.silent[d]:
            for row in range(rows):
                block.own[row] = _student_scale(rng, TAIL_DOF)
        _draw_district(params, stream, d, has_kinds[d], block, out)
        if params.silent[d]:
            block.own[:] = 1.0


@njit(**BORROWED)
def _normal_runs(stream, block, count):
    """Fill the first ``count`` rows of ``block.normals`` (a run of one normal per draw each)."""
    rows = block.normals.shape[1]
    fill_normals(stream, block.words, block.normals.reshape(block.normals.size)[: count * rows])


@njit(**BORROWED)
def _draw_common(params, stream, scales, block):
    """The block's common swing and turnout, and the swings of unseen kinds."""
    n = params.counted.shape[1]
    normals, swing = block.normals, block.swing
    rows = normals.shape[1]
    chol = params.swing_chol
    _normal_runs(stream, block, n + 1)
    for j in range(n):
        for row in range(rows):
            swing[j, row] = 0.0
        for k in range(j + 1):
            for row in range(rows):
                swing[j, row] += chol[j, k] * normals[k, row]
        for row in range(rows):
            swing[j, row] *= scales[0, row]
    for row in range(rows):
        block.turnout[row] = scales[1, row] * normals[n, row]
    for k in range(params.kind_sd.shape[0]):
        _normal_runs(stream, block, n + 1)
        turnout_sd = params.kind_turnout_sd[k]
        for row in range(rows):
            block.kind_turnout[k, row] = scales[2 + k, row] * turnout_sd * normals[n, row]
        for j in range(n):
            sd = params.kind_sd[k, j]
            for row in range(rows):
                block.kind_swing[k, j, row] = scales[2 + k, row] * sd * normals[j, row]


@njit(**BORROWED)
def _draw_district(params, stream, d, has_kinds, block, out):
    """District ``d``'s final votes in every row of ``out``."""
    n = params.counted.shape[1]
    normals, shares, total, own = block.normals, block.shares, block.total, block.own
    log_ballots = block.log_ballots
    rows = normals.shape[1]
    share_mean, share_sd = params.share_mean, params.share_sd
    standing = 0
    for j in range(n):
        standing += share_mean[d, j] > 0.0
    _normal_runs(stream, block, 1 + standing)
    turnout_sd = params.turnout_sd[d]
    for row in range(rows):
        log_ballots[row] = block.turnout[row] + own[row] * turnout_sd * normals[0, row]
        total[row] = 0.0
    if has_kinds:
        for k in range(params.kind_sd.shape[0]):
            weight = params.kind_weight[d, k]
            for row in range(rows):
                log_ballots[row] += weight * block.kind_turnout[k, row]
    run = 1
    for j in range(n):
        mean, sd = share_mean[d, j], share_sd[d, j]
        if mean <= 0.0:
            for row in range(rows):
                shares[j, row] = 0.0
            continue
        for row in range(rows):
            shares[j, row] = mean + block.swing[j, row] + own[row] * sd * normals[run, row]
        if has_kinds:
            for k in range(params.kind_sd.shape[0]):
                weight = params.kind_weight[d, k]
                for row in range(rows):
                    shares[j, row] += weight * block.kind_swing[k, j, row]
        for row in range(rows):
            shares[j, row] = max(shares[j, row], 0.0)
            total[row] += shares[j, row]
        run += 1
    exp_with_scratch(log_ballots, block.exp_bits)
    factor = log_ballots  # in place: each row's ballots left over its shares' total
    remaining = params.remaining[d]
    for row in range(rows):
        factor[row] = remaining * factor[row] / total[row] if total[row] > 0.0 else 0.0
    for j in range(n):
        counted = params.counted[d, j]
        column = d * n + j
        for row in range(rows):
            out[row, column] = counted + shares[j, row] * factor[row]


@dataclass(frozen=True, eq=False)
class UnitNowcastModel(DrawsCounts):
    """Final votes by district from a snapshot read against the units; see the module docstring.

    Parameters
    ----------
    names : tuple of str
        Components: parties, then no-seat options.
    units : Units
    count : UnitCount
        The snapshot, every unit in it.
    design : Design
    district_names : tuple of str
        The config's districts, in order (one name for a national ballot).
    """

    names: tuple[str, ...]
    units: Units
    count: UnitCount
    design: Design
    district_names: tuple[str, ...]
    kind: ClassVar[str] = "nowcast"

    def __post_init__(self) -> None:
        object.__setattr__(self, "district_of", self._unit_districts())
        object.__setattr__(self, "area_of", self._unit_areas())

    @property
    def n_districts(self) -> int:
        """Districts in a draw."""
        return len(self.district_names)

    def _unit_districts(self):
        """Each unit's district index; refuses units and districts that do not match."""
        n_units = len(self.units.ids)
        if self.n_districts == 1:
            return np.zeros(n_units, dtype=np.int64)
        if self.units.districts is None:
            raise ConfigError(
                f"{self.units.source} has no 'district' column, and the config has districts"
            )
        position = {name: index for index, name in enumerate(self.district_names)}
        unknown = [d for d in self.units.districts if d not in position]
        if unknown:
            unit = self.units.ids[self.units.districts.index(unknown[0])]
            raise ConfigError(
                f"{self.units.source}: unit {unit!r} is in district {unknown[0]!r}, which the "
                f"districts file does not list"
            )
        district_of = np.array([position[d] for d in self.units.districts], dtype=np.int64)
        empty = np.setdiff1d(np.arange(self.n_districts), district_of)
        if empty.size:
            raise ConfigError(
                f"{self.units.source}: no unit is in district {self.district_names[empty[0]]!r}"
            )
        return district_of

    def _unit_areas(self):
        """Each unit's index among the units file's districts (its *area*).

        Areas are the districts with ``[districts]``.  On a national ballot
        they are one area: a units file's districts there are covariates
        only.  (Their effects as error terms made the synthetic elections'
        forecasts over-dispersed early in the count, PIT chi-square p < 0.001
        at 25 % counted, though they covered Poland's national stand-in better.)
        """
        labels = self.units.districts
        if labels is None or self.n_districts == 1:
            return np.zeros(len(self.units.ids), dtype=np.int64)
        position = {}
        return np.array([position.setdefault(x, len(position)) for x in labels], dtype=np.int64)

    def _by_area(self, values):
        """``values`` (units first) summed over each area's units."""
        values = np.asarray(values, dtype=np.float64)
        total = np.zeros((self.area_of.max() + 1, *values.shape[1:]))
        np.add.at(total, self.area_of, values)
        return total

    def _by_district(self, values):
        """``values`` (units first) summed over each district's units."""
        values = np.asarray(values, dtype=np.float64)
        total = np.zeros((self.n_districts, *values.shape[1:]))
        np.add.at(total, self.district_of, values)
        return total

    @functools.cached_property
    def fit(self) -> UnitFit:
        """The :class:`~seatcast.models.unit_fit.UnitFit` of this snapshot."""
        # Hundreds of small solves: BLAS threads only fight each other (and
        # the kernel's threads) over them, 10 to 50 times slower.
        with threadpool_limits(limits=1, user_api="blas"):
            return fit_units(
                self.design,
                self.count.counted,
                self.precinct_fraction,
                districts=self.area_of if self.area_of.max() > 0 else None,
                kinds=self.groups,
            )

    @functools.cached_property
    def groups(self) -> tuple[str, ...]:
        """Each unit's kind, and whether it has a previous result: what "alike" means."""
        known = self.design.has_previous
        if known.all() or not known.any():
            return tuple(self.units.kinds)
        return tuple(
            kind if has else f"{kind} (no previous)"
            for kind, has in zip(self.units.kinds, known, strict=True)
        )

    @functools.cached_property
    def precinct_fraction(self) -> np.ndarray:
        """Share of each unit's precincts counted (1 finished, 0 nothing counted).

        A unit that counted votes without saying how many of its precincts
        reported is taken to have counted its ballots' share of its size at
        the turnout of the units that say.
        """
        count = self.count
        ballots = count.counted.sum(axis=1).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            fraction = count.reported / count.precincts_total
        fraction = np.where(count.complete, 1.0, fraction)
        unknown = np.isnan(fraction) & (ballots > 0)
        if unknown.any():
            known = ~np.isnan(fraction) & (fraction > 0)
            size = self.design.size
            turnout = (
                ballots[known].sum() / (fraction[known] * size[known]).sum()
                if known.any()
                else ballots[unknown].sum() / size[unknown].sum()
            )
            fraction[unknown] = np.minimum(ballots[unknown] / (turnout * size[unknown]), 1.0)
        return np.clip(np.nan_to_num(fraction), 0.0, 1.0)

    @functools.cached_property
    def projection(self) -> tuple[np.ndarray, np.ndarray]:
        """Expected ballots still to count in every unit, and their shares.

        Returns
        -------
        remaining : ndarray of float64, (units,)
        shares : ndarray of float64, (units, components)
            Rows sum to one (zeros for finished units).
        """
        fit, count, fraction = self.fit, self.count, self.precinct_fraction
        ballots = count.counted.sum(axis=1).astype(np.float64)
        expected = self.design.size * np.exp(fit.turnout.predicted[:, 0])
        remaining = (1.0 - fraction) * (ballots + (1.0 - fraction) * expected)
        remaining[count.complete] = 0.0
        predicted = np.maximum(fit.shares.predicted, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            own = np.where(ballots[:, None] > 0, count.counted / ballots[:, None], 0.0)
        shares = fraction[:, None] * own + (1.0 - fraction[:, None]) * predicted
        shares *= self.standing[self.district_of]
        totals = shares.sum(axis=1, keepdims=True)
        shares = np.divide(shares, totals, out=np.zeros_like(shares), where=totals > 0)
        return remaining, shares

    @functools.cached_property
    def standing(self) -> np.ndarray:
        """Which components stand in each district: not those absent where expected."""
        counted = self.count.counted.astype(np.float64)
        predicted = np.maximum(self.fit.shares.predicted, 0.0) * counted.sum(axis=1)[:, None]
        absent = (self._by_district(counted) == 0) & (self._by_district(predicted) >= ABSENT_VOTES)
        return ~absent

    def counted_fraction(self) -> float:
        """Ballots counted as a fraction of the expected final ballots."""
        remaining, _ = self.projection
        fraction = self.count.counted_fraction(self.count.counted.sum(axis=1) + remaining)
        return 0.0 if np.isnan(fraction) else fraction

    def projected_turnout(self) -> float:
        """Expected final ballots over registered voters (NaN unless every unit gives them)."""
        if np.isnan(self.units.registered).any():
            return np.nan
        remaining, _ = self.projection
        return (float(self.count.counted.sum()) + remaining.sum()) / self.units.registered.sum()

    def counted_by_kind(self) -> dict[str, float]:
        """``{kind: ballots counted / expected final ballots}`` over the units of each kind."""
        remaining, _ = self.projection
        ballots = self.count.counted.sum(axis=1).astype(np.float64)
        kinds = np.array(self.units.kinds, dtype=object)
        result = {}
        for kind in dict.fromkeys(self.units.kinds):
            mine = kinds == kind
            total = ballots[mine].sum() + remaining[mine].sum()
            result[kind] = float(ballots[mine].sum() / total) if total > 0 else 0.0
        return result

    def district_counts(self) -> np.ndarray:
        """Votes counted so far in each district (int64, districts x components)."""
        counted = np.zeros((self.n_districts, len(self.names)), dtype=np.int64)
        np.add.at(counted, self.district_of, self.count.counted)
        return counted

    def kernel_params(self) -> UnitNowcastParams:
        """The :class:`UnitNowcastParams` of this snapshot."""
        fit = self.fit
        remaining, shares = self.projection
        left = self._by_district(remaining)
        has_left = left > 0
        mean = self._by_district(remaining[:, None] * shares)
        mean = np.divide(mean, left[:, None], out=np.zeros_like(mean), where=has_left[:, None])
        # Unit noise: each unit's uncounted ballots (only its uncounted part
        # strays from its own counted shares) over the district's.
        noise = self._by_district((remaining * (1.0 - self.precinct_fraction)) ** 2)
        noise = np.divide(noise, left**2, out=np.zeros_like(left), where=has_left)
        seen = self.count.counted.sum(axis=1) > 0
        n_seen = np.bincount(self.district_of[seen], minlength=self.n_districts)
        silent = (n_seen == 0) & (self.n_districts > 1)
        area_share_var, area_turnout_var = self._area_variances(remaining, shares, seen)
        share_var = noise[:, None] * fit.shares.unit_sd**2 + area_share_var
        turnout_var = noise * fit.turnout.unit_sd[0] ** 2 + area_turnout_var
        kind_weight, kind_sd, kind_turnout_sd = self._unseen_kinds(remaining, seen)
        return UnitNowcastParams(
            counted=self.district_counts().astype(np.float64),
            remaining=left,
            share_mean=np.ascontiguousarray(mean * self.standing),
            share_sd=np.sqrt(share_var),
            turnout_sd=np.sqrt(turnout_var),
            silent=silent,
            swing_chol=_cholesky(fit.shares.swing + np.diag(self._silent_mean(fit.shares))),
            swing_turnout_sd=float(
                np.sqrt(fit.turnout.swing[0, 0] + self._silent_mean(fit.turnout)[0])
            ),
            swing_dof=float(max(fit.shares.swing_dof, TAIL_DOF)),
            kind_weight=kind_weight,
            kind_sd=kind_sd,
            kind_turnout_sd=kind_turnout_sd,
        )

    def _area_variances(self, remaining, shares, seen):
        """Each district's share and turnout variance from its areas' own effects.

        An area's effect is shrunk by the units it has counted.  In an area
        where nothing is counted, a component whose support lies mostly there
        (its counted share is under half its share there), and whose own
        errors therefore say little, strays as far, relative to its share, as
        the component that strays most.  Areas add up within a district by
        the square of their part of its uncounted ballots.
        """
        fit = self.fit
        left = self._by_area(remaining)
        mean = self._by_area(remaining[:, None] * shares)
        mean = np.divide(mean, left[:, None], out=np.zeros_like(mean), where=left[:, None] > 0)
        n_seen = np.bincount(self.area_of[seen], minlength=left.size)
        share_var = _district_var(fit.shares, n_seen)
        counted = self.count.counted.sum(axis=0) / self.count.counted.sum()
        strange = (n_seen == 0)[:, None] & (counted[None, :] < 0.5 * mean)
        floor = (self._relative_district_error() * mean) ** 2
        share_var = np.where(strange, np.maximum(share_var, floor), share_var)
        turnout_var = _district_var(fit.turnout, n_seen)[:, 0]
        district_of_area = np.zeros(left.size, dtype=np.int64)
        district_of_area[self.area_of] = self.district_of
        district_left = np.zeros(self.n_districts)
        np.add.at(district_left, district_of_area, left)
        part = np.divide(
            left, district_left[district_of_area], out=np.zeros_like(left), where=left > 0
        )
        by_district = np.zeros((self.n_districts, share_var.shape[1]))
        np.add.at(by_district, district_of_area, part[:, None] ** 2 * share_var)
        turnout = np.zeros(self.n_districts)
        np.add.at(turnout, district_of_area, part**2 * turnout_var)
        return by_district, turnout

    def _silent_mean(self, response):
        """Variance of the mean effect of the areas where nothing is counted.

        Their effects are unknown but for their spread: the mean of the
        counted areas' effects stands in for them, as uncertain as the mean
        of that many draws; it weighs as the silent areas' part of the
        uncounted ballots.
        """
        if not response.district_sd.size:
            return np.zeros(response.unit_sd.size)
        remaining, _ = self.projection
        seen = self.count.counted.sum(axis=1) > 0
        left = self._by_area(remaining)
        n_seen = np.bincount(self.area_of[seen], minlength=left.size)
        silent = left[n_seen == 0].sum() / left.sum() if left.sum() > 0 else 0.0
        return silent**2 * response.district_sd**2 / max((n_seen > 0).sum(), 1)

    def _relative_district_error(self):
        """The largest district sd relative to its mean share, of components with >= 1 %."""
        shares = self.fit.shares
        if not shares.district_sd.size:
            return 0.0
        counted = self.count.counted.sum(axis=0).astype(np.float64)
        mean = counted / counted.sum()
        big = mean >= 0.01
        return float((shares.district_sd[big] / mean[big]).max()) if big.any() else 0.0

    def _unseen_kinds(self, remaining, seen):
        """The kinds of unit with nothing counted, and how far each may stray.

        A kind strays as far as a kind left out of the fit does; units with
        no previous result as far as the counted units differ from one another.

        Returns
        -------
        weight : ndarray of float64, (districts, kinds)
            Share of each district's uncounted ballots in units of each kind.
        share_sd : ndarray of float64, (kinds, components)
        turnout_sd : ndarray of float64, (kinds,)
        """
        groups = np.array(self.groups, dtype=object)
        unseen = [g for g in dict.fromkeys(self.groups) if not seen[groups == g].any()]
        fit = self.fit
        new = [not self.design.has_previous[groups == g].any() for g in unseen]
        share_sd = np.array(
            [fit.shares.spread if blank else fit.shares.kind_sd for blank in new]
        ).reshape(len(unseen), len(self.names))
        turnout_sd = np.array(
            [(fit.turnout.spread if blank else fit.turnout.kind_sd)[0] for blank in new]
        ).reshape(len(unseen))
        left = self._by_district(remaining)
        weight = self._by_district(
            np.column_stack([remaining * (groups == g) for g in unseen])
            if unseen
            else np.zeros((len(remaining), 0))
        )
        weight = np.divide(
            weight, left[:, None], out=np.zeros_like(weight), where=left[:, None] > 0
        )
        return np.ascontiguousarray(weight), share_sd, turnout_sd

    def describe(self) -> str:
        """One line for the result's attrs."""
        fit = self.fit.shares
        when = f" at {self.count.time}" if self.count.time else ""
        seen = int((self.count.counted.sum(axis=1) > 0).sum())
        return (
            f"nowcast of snapshot {self.count.label!r}{when}: "
            f"{self.counted_fraction():.1%} counted; {seen} of {len(self.units.ids)} units "
            f"reported; regression on {len(self.design.columns) - 1} covariates "
            f"(penalty {fit.penalty:.2g}), swing with "
            f"{max(fit.swing_dof, TAIL_DOF):g} degrees of freedom"
        )


def _district_var(response, n_seen):
    """Variance of each district's own effect, shrunk by the units it has counted."""
    if n_seen.size == 1:
        return np.zeros((1, response.unit_sd.size))
    district = response.district_sd if response.district_sd.size else response.unit_sd
    unit = np.maximum(response.unit_sd, 1e-12)
    precision = 1.0 / np.maximum(district, 1e-12) ** 2
    return 1.0 / (precision[None, :] + n_seen[:, None] / unit[None, :] ** 2)


def _cholesky(covariance):
    """Lower Cholesky factor of a covariance that may be only semi-definite."""
    scale = np.sqrt(np.maximum(np.diag(covariance), 0.0))
    jitter = 1e-9 * max(float(scale.max()), 1e-12) ** 2
    return np.linalg.cholesky(covariance + jitter * np.eye(covariance.shape[0]))
