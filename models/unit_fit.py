"""Learn, from the units counted so far, how this election relates to what was known before.

Two ridge regressions on the covariates of :mod:`seatcast.models.unit_design`:

- each component's share of a unit's ballots, minus its offset (the previous
  shares of the parties it continues), so that with few units counted the
  fit falls back on a uniform swing from the previous map;
- the log of a unit's ballots per unit of size, minus the log of its previous
  turnout.

Units are weighted by ``n / (n + median n)`` of their counted ballots ``n``
(times the share of their precincts counted), so that tiny units, whose shares
are mostly sampling noise, weigh less and no single city weighs more than a
village twice over.  The penalty spares the intercept and is chosen by
leave-one-out error over a grid.

The uncertainty comes from the fit's own out-of-sample errors:

- ``unit_sd``: the weighted root mean square of the leave-one-out residuals,
  how far a single unit strays from its prediction;
- ``district_sd``: how far a whole district's ballot-weighted residual strays
  when that district is left out of the fit, less what unit noise explains;
- ``kind_sd``: the same for a whole kind of units left out;
- ``swing``: how wrong the fit is for a coherent set of units it has not
  seen, which is what the uncounted units are: a swing common to all of
  them.  The counted units are ranked by how much they look like the
  uncounted ones (the odds of a ridge logistic fit of counted against
  uncounted on the covariates, district indicators left out).  Two estimates
  are made and the larger (by trace) is kept: the residuals of ten blocks of
  look-alikes left out in turn (their odds-weighted mean shift and its
  uncertainty), and extrapolation: the most look-alike counted units
  predicted by a fit of the others, with their error per unit of *novelty*
  (how far their mean covariates lie from what that fit saw, in the fit's
  own metric) applied to the novelty of the uncounted units.  ``swing_dof``
  is the number of blocks, for a Student-t (the model adds the uncertainty
  of the mean district effect, for districts where nothing is counted);
- ``spread``: the ballot-weighted standard deviation of the counted units'
  own shares (and log turnouts), for units with no previous result that
  nothing counted so far resembles.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.models.unit_design import Design

#: Ridge penalties tried, relative to the total weight of the counted units.
PENALTIES = 10.0 ** np.arange(-5.0, 2.01, 0.5)

#: Blocks the counted units are cut into, from least to most like the uncounted ones.
LOOKALIKE_BLOCKS = 10

#: Where the counted units, ordered from least to most like the uncounted, are cut: the fit
#: of those before the cut predicts those after it.
FORWARD_CUTS = (0.5, 0.67, 0.8, 0.9)

#: Fewest units per block before the counted units are cut into look-alike blocks.
MIN_BLOCK_UNITS = 3

#: Ridge penalty of the fit of which units are still uncounted, relative to the total weight.
PROPENSITY_PENALTY = 0.1


@dataclass(frozen=True, eq=False)
class Response:
    """One regression's fit and out-of-sample errors.

    Parameters
    ----------
    predicted : ndarray of float64, (units, outputs)
        Prediction for every unit, offset included.
    unit_sd : ndarray of float64, (outputs,)
    district_sd : ndarray of float64, (outputs,)
        Empty when fewer than two districts have counted anything.
    kind_sd : ndarray of float64, (outputs,)
        How far a whole kind of units strays when left out of the fit; with
        fewer than two kinds counted, as far as a district or the common
        swing strays, whichever is further.
    spread : ndarray of float64, (outputs,)
        Ballot-weighted standard deviation of the counted units' own values:
        how far a unit with no previous result may stray.
    swing : ndarray of float64, (outputs, outputs)
        Covariance of the common swing.
    swing_dof : int
    penalty : float
        The chosen penalty, relative to the total weight.
    """

    predicted: np.ndarray
    unit_sd: np.ndarray
    district_sd: np.ndarray
    kind_sd: np.ndarray
    spread: np.ndarray
    swing: np.ndarray
    swing_dof: int
    penalty: float


@dataclass(frozen=True, eq=False)
class UnitFit:
    """The share and turnout fits of one snapshot.

    Parameters
    ----------
    shares : Response
        Outputs are the components.
    turnout : Response
        One output, the log of ballots per unit of size.
    """

    shares: Response
    turnout: Response


def fit_units(
    design: Design,
    counted: np.ndarray,
    fraction: np.ndarray,
    *,
    districts: Sequence[object] | np.ndarray | None = None,
    kinds: Sequence[object] | np.ndarray | None = None,
) -> UnitFit:
    """Fit shares and turnout on the counted units.

    Parameters
    ----------
    design : Design
    counted : ndarray of int64, (units, components)
        Votes counted so far.
    fraction : ndarray of float64, (units,)
        Share of each unit's precincts counted (1 for a finished unit): a
        partly counted unit weighs that much, and its turnout is read as
        its ballots over that share of its size.
    districts, kinds : sequence or ndarray, optional
        Each unit's district and kind, to cut blocks by.

    Returns
    -------
    UnitFit
    """
    ballots = counted.sum(axis=1).astype(np.float64)
    seen = (ballots > 0) & (fraction > 0)
    if not seen.any():
        raise ConfigError(
            "nothing is counted yet: a nowcast with units needs counted votes in some unit"
        )
    weight = _unit_weights(ballots, fraction) * seen
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(seen[:, None], counted / ballots[:, None], 0.0)
        log_turnout = np.where(seen, np.log(ballots / (fraction * design.size)), 0.0)
    blocks = _blocks(design, seen, districts, kinds)
    offset = design.turnout_offset[:, None]
    general = _general_columns(design)
    national = counted.sum(axis=0) / ballots.sum()
    share_fit = _fit(
        design.matrix,
        shares - design.share_offset,
        design.share_offset,
        weight,
        ballots,
        blocks,
        design.size,
        general,
        national * (1.0 - national),  # the most a share in [0, 1] with this mean can vary
    )
    # No unit's shares are known closer than the sampling noise of a typical
    # counted unit's ballots, however well the counted units fit.
    sampling = np.sqrt(national * (1.0 - national) / np.median(ballots[seen]))
    share_fit = replace(share_fit, unit_sd=np.maximum(share_fit.unit_sd, sampling))
    return UnitFit(
        shares=share_fit,
        turnout=_fit(
            design.matrix,
            log_turnout[:, None] - offset,
            offset,
            weight,
            ballots,
            blocks,
            design.size,
            general,
            np.array([design.turnout_offset.var()]),  # how turnouts differed last time
        ),
    )


def _unit_weights(ballots, weight):
    counted = ballots[ballots > 0]
    middle = np.median(counted) if counted.size else 1.0
    return weight * ballots / (ballots + middle)


@dataclass(frozen=True)
class _Blocks:
    """Sets of counted units to leave out of the fit together."""

    districts: list
    kinds: list
    lookalike: list
    lookalike_weight: np.ndarray
    n_districts_seen: int
    log_odds: np.ndarray = None
    seen: np.ndarray = None


def _blocks(design, seen, districts, kinds):
    """Blocks by district, by kind, and by how much units look like the uncounted ones."""
    by_district = _groups(districts, seen)
    by_kind = _groups(kinds, seen)
    index = np.flatnonzero(seen)
    lookalike, weight, odds = [], np.zeros(0), None
    if index.size >= LOOKALIKE_BLOCKS * MIN_BLOCK_UNITS:
        odds = _uncounted_odds(design, seen)
        ordered = index[np.argsort(odds[index], kind="stable")]
        lookalike = np.array_split(ordered, LOOKALIKE_BLOCKS)
        weight = np.array([odds[block].mean() for block in lookalike])
    return _Blocks(
        districts=by_district if len(by_district) > 1 else [],
        kinds=by_kind if len(by_kind) > 1 else [],
        lookalike=lookalike,
        lookalike_weight=weight,
        n_districts_seen=len(by_district),
        log_odds=None if odds is None else np.log(odds),
        seen=seen,
    )


def _groups(labels, seen):
    if labels is None:
        return []
    labels = np.asarray(labels, dtype=object)
    return [np.flatnonzero(seen & (labels == level)) for level in sorted(set(labels[seen]))]


def _general_columns(design):
    """Which columns of the design are not district indicators."""
    return np.array([not name.startswith("district ") for name in design.columns])


def _uncounted_odds(design, seen, iterations=25):
    """Odds that a unit is one of the uncounted, from its covariates (ridge logistic fit).

    The units still to count are not a random sample of all units; weighting
    the counted ones by these odds makes them stand in for the uncounted
    (importance weighting under a shift of covariates).  Units weigh by size.
    The district indicators are left out: what sets the uncounted apart
    district by district is the district effects' part, and blocks of
    look-alikes that took whole districts with them would lose what the
    fit knows of those districts.
    """
    matrix = design.matrix[:, _general_columns(design)]
    weight = design.size / design.size.mean()
    target = (~seen).astype(np.float64)
    penalty = weight.sum() * PROPENSITY_PENALTY * _penalised(matrix.shape[1])
    beta = np.zeros(matrix.shape[1])
    for _ in range(iterations):
        probability = 1.0 / (1.0 + np.exp(-(matrix @ beta)))
        curvature = weight * np.maximum(probability * (1.0 - probability), 1e-9)
        gradient = matrix.T @ (weight * (target - probability)) - penalty * beta
        hessian = matrix.T @ (curvature[:, None] * matrix) + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return np.exp(np.clip(matrix @ beta, -30.0, 30.0))


def _fit(matrix, target, offset, weight, ballots, blocks, size, general, bound):
    """Ridge fit of ``target`` on ``matrix`` and its out-of-sample errors.

    ``general`` marks the columns that are not district indicators; ``bound``
    is how far a single unit could stray at most, as known before the night
    (for too few counted units to measure it).
    """
    used = weight > 0
    x, y, w = matrix[used], target[used], weight[used]
    penalty, loo = _choose_penalty(x, y, w)
    base = penalty * w.sum() * _penalised(matrix.shape[1])
    beta = _solve(x, y, w, base)
    unit_var = (w[:, None] * loo**2).sum(axis=0) / w.sum()

    def residual(members):
        """Ballot-weighted residual of ``members`` predicted by a fit without them."""
        return _held_out(matrix, target, weight, ballots, base, members)

    def noise(members):
        """What unit noise alone puts into that residual: its variance."""
        return unit_var * _concentration(ballots[members])

    def excess(members):
        """The squared held-out residual of ``members``, less unit noise."""
        value = residual(members)
        return np.outer(value, value) - np.diag(noise(members))

    def novelty(members, mean_row):
        """How far ``mean_row`` lies from what a fit without ``members`` saw:
        ``x' (X'WX + penalty)^-1 x`` over the other counted units, on every
        covariate but the district indicators (district effects have terms
        of their own)."""
        keep = weight.copy()
        keep[members] = 0.0
        gram = matrix.T @ (keep[:, None] * matrix) + np.diag(base)
        shared = np.ix_(general, general)
        return float(mean_row[general] @ np.linalg.inv(gram)[shared] @ mean_row[general])

    district_var = _block_variance([excess(m) for m in blocks.districts])
    kind_var = _block_variance([excess(m) for m in blocks.kinds])
    swing_dof = max(len(blocks.lookalike), 1)
    if blocks.lookalike:
        extrapolated, beyond = _extrapolation(
            excess, novelty, matrix, blocks, ballots, size, target.shape[1]
        )
        swing = max(
            _lookalike_swing(
                [residual(m) for m in blocks.lookalike],
                [noise(m) for m in blocks.lookalike],
                blocks.lookalike_weight,
            ),
            extrapolated,
            key=np.trace,
        )
        if beyond:  # farther out than any error measured: what nothing counted resembles
            swing_dof = 1
    else:  # too few units to hold blocks out: the mean of so few, as far as they could stray
        spread_var = np.average(
            (target[used] - np.average(target[used], weights=ballots[used], axis=0)) ** 2,
            weights=ballots[used],
            axis=0,
        )
        swing = np.diag(np.maximum(np.maximum(unit_var, spread_var), bound / used.sum()))
        swing_dof = 1
    observed = target + offset
    mean = np.average(observed[used], weights=ballots[used], axis=0)
    spread = np.sqrt(np.average((observed[used] - mean) ** 2, weights=ballots[used], axis=0))
    if blocks.kinds:
        kind_sd = np.sqrt(kind_var)
    elif district_var.size:
        kind_sd = np.sqrt(np.maximum(district_var, np.diag(swing)))
    else:
        kind_sd = np.sqrt(np.diag(swing))
    return Response(
        predicted=offset + matrix @ beta,
        unit_sd=np.sqrt(unit_var),
        district_sd=np.sqrt(district_var),
        kind_sd=kind_sd,
        spread=spread,
        swing=swing,
        swing_dof=swing_dof,
        penalty=float(penalty),
    )


def _extrapolation(excess, novelty, matrix, blocks, ballots, size, n_outputs):
    """Swing covariance from extrapolating to units unlike those the fit has seen.

    The counted units are ordered by their odds of being uncounted; the fit
    of those below a cut predicts those above it.  How far the units above
    lie from what the fit saw is the novelty ``h = x' (X'WX + P)^-1 x`` of
    their mean covariates ``x``.  Squared held-out residuals (less unit
    noise) are taken to grow as ``C h``; ``C``, fitted through the origin,
    is applied to the novelty of the uncounted units' mean covariates for
    the fit on every counted unit.  Uncounted units like the counted ones
    have little novelty, and this term is then small.
    """
    seen, ordered = blocks.seen, np.concatenate(blocks.lookalike)
    moment, norm, farthest = np.zeros((n_outputs, n_outputs)), 0.0, 0.0
    for cut in FORWARD_CUTS:
        ahead = ordered[int(cut * ordered.size) :]
        distance = novelty(ahead, _mean_row(matrix, ballots, ahead))
        moment += excess(ahead) * distance
        norm += distance**2
        farthest = max(farthest, distance)
    if norm <= 0 or seen.all():
        return np.zeros_like(moment), False
    uncounted = np.flatnonzero(~seen)
    distance = novelty(np.zeros(0, dtype=np.int64), _mean_row(matrix, size, uncounted))
    return _nearest_covariance(moment / norm) * distance, distance > farthest


def _mean_row(matrix, weight, members):
    return np.average(matrix[members], weights=weight[members], axis=0)


def _lookalike_swing(residuals, noise, weight):
    """Covariance of the common swing from the held-out residuals of look-alike blocks.

    The odds-weighted mean residual ``m`` is the shift the uncounted units
    would show if they strayed as their look-alikes do; the spread of the
    blocks around it, less unit noise, over the blocks' effective number,
    is how uncertain that shift is: ``m m' + S / n_eff``.
    """
    residuals, weight = np.array(residuals), np.asarray(weight, dtype=np.float64)
    weight = weight / weight.sum()
    mean = weight @ residuals
    centred = residuals - mean
    spread = (weight[:, None, None] * np.einsum("bi,bj->bij", centred, centred)).sum(axis=0)
    spread -= np.diag(weight @ np.array(noise))
    effective = 1.0 / (weight**2).sum()
    return _nearest_covariance(np.outer(mean, mean) + spread / effective)


def _block_variance(excesses):
    """Mean squared held-out residual of blocks, noise removed (empty without blocks)."""
    if not excesses:
        return np.zeros(0)
    return np.maximum(np.diagonal(np.mean(excesses, axis=0)).copy(), 0.0)


def _penalised(n_columns):
    penalty = np.ones(n_columns)
    penalty[0] = 0.0
    return penalty


def _solve(x, y, w, penalty):
    gram = x.T @ (w[:, None] * x) + np.diag(penalty)
    return np.linalg.solve(gram, x.T @ (w[:, None] * y))


def _choose_penalty(x, y, w):
    """The grid penalty with the least weighted leave-one-out error, and its LOO residuals."""
    best = None
    for relative in PENALTIES:
        penalty = relative * w.sum() * _penalised(x.shape[1])
        gram = x.T @ (w[:, None] * x) + np.diag(penalty)
        inverse = np.linalg.inv(gram)
        beta = inverse @ (x.T @ (w[:, None] * y))
        leverage = w * ((x @ inverse) * x).sum(axis=1)
        loo = (y - x @ beta) / np.maximum(1.0 - leverage, 1e-6)[:, None]
        score = (w[:, None] * loo**2).sum()
        if best is None or score < best[0]:
            best = (score, relative, loo)
    return best[1], best[2]


def _held_out(matrix, target, weight, ballots, penalty, members):
    """Ballot-weighted mean residual of ``members`` predicted by a fit without them."""
    keep = weight.copy()
    keep[members] = 0.0
    used = keep > 0
    beta = _solve(matrix[used], target[used], keep[used], penalty)
    residual = target[members] - matrix[members] @ beta
    return np.average(residual, weights=ballots[members], axis=0)


def _concentration(ballots):
    """Sum of squared ballot weights: the variance of a weighted mean of unit noise."""
    total = ballots.sum()
    return float((ballots**2).sum() / total**2) if total > 0 else 1.0


def _nearest_covariance(matrix):
    """``matrix`` with its negative eigenvalues set to zero."""
    values, vectors = np.linalg.eigh((matrix + matrix.T) / 2)
    return (vectors * np.maximum(values, 0.0)) @ vectors.T
