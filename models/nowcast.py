"""Election-night model: the votes counted so far plus simulated votes still to count.

A draw is the final national result, in votes::

    final[j] = counted[j] + sum over regions r of remaining[r] * share[r, j]

summed over regions before any threshold or allocation is applied.  In every
region that is not finished:

- ``remaining[r] = max(m_r + s_r z_r, 0)``: the ballots still to count, with
  mean ``m_r`` and sd ``s_r`` from the precincts left (at the ballots per
  precinct counted so far), from ``expected`` ballots, or from ``registered``
  voters times a turnout estimate;
- ``share[r, j]`` is proportional to
  ``exp(log c[r, j] + d_r e[r, j] + g[j] + (1 - w_r) h[j])``: normal noise on
  the log shares around a centre ``c``, with ``e`` independent per region
  and component, ``g ~ N(0, swing_sd^2)`` one swing common to every region
  (late-counted precincts, often in cities, differ everywhere the same way),
  and ``h ~ N(0, prior_swing_sd^2)`` one shift of the prior, shared by every
  region in proportion to the weight ``1 - w_r`` it gives its prior (the
  regions that report first are rarely a fair sample of the rest).

The centre and the spread ``d_r`` come from a normal model of the region's
mean log shares: a prior (the national counted shares, or the region's
result in a previous election) with sd ``prior_sd``, updated by ``n_c``
counted precincts that each vary around the region's mean with sd
``precinct_sd``.  The weight of the counted shares is
``w = (n_c / precinct_sd^2) / (n_c / precinct_sd^2 + 1 / prior_sd^2)``, and::

    d_r^2 = 1 / (n_c / precinct_sd^2 + 1 / prior_sd^2)   # the region's mean
          + precinct_sd^2 / n_r                          # the precincts left
          + late_sd^2                                    # late precincts differ

with ``n_r`` the precincts left (at least one).  Without precinct counts,
``n = ballots / precinct_ballots``.  A finished region (all precincts
reported, or counted equal to an exact expected size) adds its counts and
nothing else, so with every region finished every draw is the exact count.
"""

from dataclasses import dataclass
from typing import ClassVar, NamedTuple, Self

import numpy as np
from numba import njit

from seatcast.engine.errors import ConfigError
from seatcast.engine.kernels.exponential import exp_in_place
from seatcast.engine.kernels.normals import fill_block_normals
from seatcast.engine.kernels.options import BORROWED, JIT
from seatcast.models.contract import DrawsCounts
from seatcast.models.dispersion import Dispersion
from seatcast.models.snapshots import Snapshot


class NowcastParams(NamedTuple):
    """What the kernel reads; regions are only the unfinished ones.

    Parameters
    ----------
    counted : ndarray of float64, (components,)
        Votes counted so far, nationally.
    log_centre : ndarray of float64, (regions, components)
        Log of the centre of each region's shares still to count.
    region_sd : ndarray of float64, (regions,)
    prior_weight : ndarray of float64, (regions,)
        Weight of each region's prior in its centre.
    remaining_mean : ndarray of float64, (regions,)
    remaining_sd : ndarray of float64, (regions,)
    swing_sd : float
    prior_swing_sd : float
    """

    counted: np.ndarray
    log_centre: np.ndarray
    region_sd: np.ndarray
    prior_weight: np.ndarray
    remaining_mean: np.ndarray
    remaining_sd: np.ndarray
    swing_sd: float
    prior_swing_sd: float


@njit(**JIT)
def draw_nowcast(params, rng, start, out):
    """Write one draw of final national votes into each row of ``out``.

    The rows of a block are drawn side by side.  Its normals come from the
    block's stream (:func:`~seatcast.engine.kernels.normals.new_stream`) in
    runs of one per row: the common swing and the prior swing (one run per
    component each, when their sd is not zero), then per region one run for
    its ballots left and one per component for its shares.  The log shares
    of the whole block are exponentiated together.
    """
    n_regions, n = params.log_centre.shape
    rows = out.shape[0]
    n_runs = n_regions * (n + 1) + n * (params.swing_sd > 0.0) + n * (params.prior_swing_sd > 0.0)
    normals = np.zeros((n_runs + 1, rows))  # and a run of zeros for a swing not drawn
    fill_block_normals(rng, normals.reshape(normals.size)[: n_runs * rows])
    ballots = np.empty((n_regions, rows))
    weights = np.empty((n_regions * n, rows))
    _draw_log_shares(params, normals, ballots, weights)
    exp_in_place(weights.reshape(weights.size))
    _add_regions(params.counted, ballots, weights, np.empty((n + 1, rows)), out)


@njit(**BORROWED)
def _draw_log_shares(params, normals, ballots, weights):
    """Each region's ballots left and log shares, in every row (the last axis).

    A swing whose sd is 0 reads the last run of ``normals`` (zeros) for every
    component: adding its 0 changes no bit.
    """
    log_centre, region_sd = params.log_centre, params.region_sd
    remaining_mean, remaining_sd = params.remaining_mean, params.remaining_sd
    prior_weight = params.prior_weight
    n_regions, n = log_centre.shape
    rows = normals.shape[1]
    zeros = normals.shape[0] - 1
    # Component j of a swing reads run first + step * j: its own, or the zeros.
    swing_first, swing_step, taken = zeros, 0, 0
    if params.swing_sd > 0.0:
        swing_first, swing_step, taken = 0, 1, n
    prior_first, prior_step = zeros, 0
    if params.prior_swing_sd > 0.0:
        prior_first, prior_step, taken = taken, 1, taken + n
    for r in range(n_regions):
        for row in range(rows):
            ballots[r, row] = remaining_mean[r] + remaining_sd[r] * normals[taken, row]
        taken += 1
        shift = prior_weight[r] * params.prior_swing_sd
        for j in range(n):
            entry, own = r * n + j, region_sd[r]
            common = normals[swing_first + swing_step * j]
            late = normals[prior_first + prior_step * j]
            region = normals[taken + j]
            for row in range(rows):
                weights[entry, row] = (
                    log_centre[r, j]
                    + own * region[row]
                    + params.swing_sd * common[row]
                    + shift * late[row]
                )
        taken += n


@njit(**BORROWED)
def _add_regions(counted, ballots, weights, scratch, out):
    """Each row of ``out``: the counted votes, plus each region's ballots left by its weights.

    ``scratch`` (components + 1 by rows) is overwritten.
    """
    n = counted.shape[0]
    n_regions, rows = ballots.shape
    final, factor = scratch[:n], scratch[n]
    for j in range(n):
        for row in range(rows):
            final[j, row] = counted[j]
    for r in range(n_regions):
        for row in range(rows):
            factor[row] = 0.0
        for j in range(n):
            for row in range(rows):
                factor[row] += weights[r * n + j, row]
        for row in range(rows):
            factor[row] = ballots[r, row] / factor[row] if ballots[r, row] > 0.0 else 0.0
        for j in range(n):
            for row in range(rows):
                final[j, row] += weights[r * n + j, row] * factor[row]
    for row in range(rows):
        for j in range(n):
            out[row, j] = final[j, row]


@dataclass(frozen=True, eq=False)
class NowcastModel(DrawsCounts):
    """Final votes from a snapshot of the count; see the module docstring.

    Parameters
    ----------
    names : tuple of str
        Components: parties, then no-seat options.
    snapshot : Snapshot
    dispersion : Dispersion
        The settings, with precinct figures measured from the snapshot where it has them.
    prior : ndarray of float64, (regions, components)
        Shares each region's uncounted ballots are shrunk towards.
    """

    names: tuple[str, ...]
    snapshot: Snapshot
    dispersion: Dispersion
    prior: np.ndarray
    kind: ClassVar[str] = "nowcast"

    @classmethod
    def from_snapshot(
        cls,
        snapshot: Snapshot,
        dispersion: Dispersion | None = None,
        previous: Snapshot | None = None,
    ) -> Self:
        """Build the model of one snapshot.

        Parameters
        ----------
        snapshot : Snapshot
        dispersion : Dispersion, optional
            Defaults when not given; precinct rows in the snapshot replace
            its precinct figures.
        previous : Snapshot, optional
            A previous election's counts by region: the prior of regions
            it covers (the national counted shares otherwise).
        """
        sizes = snapshot.sizes
        alone = np.isnan(sizes["precincts_total"]) & ~np.isnan(sizes["precincts_reported"])
        if alone.any():
            raise ConfigError(
                f"snapshot {snapshot.label!r}, region {snapshot.regions[np.argmax(alone)]!r}: "
                "give precincts_reported and precincts_total together (or the precincts of "
                "every unit in nowcast.units)"
            )
        dispersion = (dispersion or Dispersion()).measured(snapshot.spread)
        counted = snapshot.counted.astype(np.float64)
        national = counted.sum(axis=0)
        prior = np.empty_like(counted)
        prior[:] = national / national.sum() if national.sum() > 0 else np.nan
        if previous is not None:
            for i, region in enumerate(snapshot.regions):
                if region in previous.regions:
                    votes = previous.counted[previous.regions.index(region)].astype(np.float64)
                    if votes.sum() > 0:
                        prior[i] = votes / votes.sum()
        return cls(tuple(snapshot.components), snapshot, dispersion, prior)

    def remaining(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Mean and sd of the ballots left in each region, and whether it is finished.

        Each way a region's size is given (precincts left at the ballots per
        precinct counted there, ``expected`` ballots, ``registered`` voters
        times ``turnout``) makes one estimate; where a region gives several,
        they are combined by inverse variance (an estimate with no sd wins).
        A region with none is sized at the national ballots per precinct.

        Returns
        -------
        mean, sd : ndarray of float64, (regions,)
        finished : ndarray of bool, (regions,)
        """
        sizes, spread = self.snapshot.sizes, self.dispersion
        counted = self.snapshot.counted.sum(axis=1).astype(np.float64)
        reported, total = sizes["precincts_reported"], sizes["precincts_total"]
        left = total - reported
        with np.errstate(invalid="ignore", divide="ignore"):
            by_precinct = np.where(reported > 0, counted / reported * left, np.nan)
        relative = np.sqrt(
            spread.precinct_ballots_cv**2 * (1 / np.maximum(reported, 1) + 1 / np.maximum(left, 1))
            + spread.late_size_sd**2
        )
        registered = sizes["registered"]
        estimates = np.array(
            [
                (by_precinct, relative * by_precinct),
                (sizes["expected"] - counted, np.nan_to_num(sizes["expected_sd"])),
                (
                    registered * sizes["turnout"] - counted,
                    registered * np.nan_to_num(sizes["turnout_sd"]),
                ),
            ]
        )
        mean, sd = _combine(estimates[:, 0], estimates[:, 1])
        unsized = np.isnan(mean) & ~np.isnan(reported)
        if unsized.any():
            national = _national_per_precinct(counted, reported)
            if not np.isfinite(national):
                raise ConfigError(
                    f"region {self.snapshot.regions[np.flatnonzero(unsized)[0]]!r} has reported "
                    "nothing, and no precinct has reported anywhere: give its expected ballots "
                    "or its registered voters and turnout"
                )
            mean[unsized] = national * left[unsized]
            sd[unsized] = spread.size_sd * mean[unsized]
        if np.isnan(mean).any():
            raise ConfigError(
                f"region {self.snapshot.regions[np.flatnonzero(np.isnan(mean))[0]]!r} says "
                "nothing of how much is left to count: give precincts_reported and "
                "precincts_total, expected, or registered and turnout"
            )
        finished = (left == 0) | ((sd == 0) & (mean <= 0))
        mean[finished], sd[finished] = 0.0, 0.0
        return mean, sd, finished

    def counted_fraction(self) -> float:
        """Ballots counted as a fraction of the expected final ballots."""
        mean, _, _ = self.remaining()
        counted = float(self.snapshot.counted.sum())
        total = counted + float(np.maximum(mean, 0.0).sum())
        return counted / total if total > 0 else 0.0

    def kernel_params(self) -> NowcastParams:
        """The :class:`NowcastParams` of the unfinished regions."""
        mean, sd, finished = self.remaining()
        live = ~finished
        if live.any() and np.isnan(self.prior).any():
            raise ConfigError(
                "nothing is counted yet: a nowcast needs counted votes somewhere, "
                "or a previous result for every region (nowcast.previous)"
            )
        counted = self.snapshot.counted.astype(np.float64)
        spread = self.dispersion
        reported = self.snapshot.sizes["precincts_reported"]
        total = self.snapshot.sizes["precincts_total"]
        region_ballots = counted.sum(axis=1)
        n_counted = np.where(np.isnan(reported), region_ballots / spread.precinct_ballots, reported)
        n_left = np.where(
            np.isnan(reported), np.maximum(mean, 0.0) / spread.precinct_ballots, total - reported
        )
        precision = n_counted / spread.precinct_sd**2 + 1 / spread.prior_sd**2
        weight = (n_counted / spread.precinct_sd**2) / precision
        with np.errstate(invalid="ignore", divide="ignore"):
            counted_share = np.nan_to_num(counted / region_ballots[:, None])
        centre = weight[:, None] * counted_share + (1 - weight[:, None]) * self.prior
        region_sd = np.sqrt(
            1 / precision + spread.precinct_sd**2 / np.maximum(n_left, 1.0) + spread.late_sd**2
        )
        with np.errstate(divide="ignore"):
            log_centre = np.log(centre[live])
        return NowcastParams(
            counted=counted.sum(axis=0),
            log_centre=np.ascontiguousarray(log_centre),
            region_sd=region_sd[live],
            prior_weight=1.0 - weight[live],
            remaining_mean=mean[live],
            remaining_sd=sd[live],
            swing_sd=float(spread.swing_sd),
            prior_swing_sd=float(spread.prior_swing_sd),
        )

    def describe(self) -> str:
        """One line for the result's attrs."""
        spread = self.dispersion
        when = f" at {self.snapshot.time}" if self.snapshot.time else ""
        return (
            f"nowcast of snapshot {self.snapshot.label!r}{when}: "
            f"{self.counted_fraction():.1%} counted in {len(self.snapshot.regions)} regions; "
            f"precinct_sd {spread.precinct_sd:.3g}, late_sd {spread.late_sd:.3g}, "
            f"swing_sd {spread.swing_sd:.3g}, prior_sd {spread.prior_sd:.3g}, "
            f"prior_swing_sd {spread.prior_swing_sd:.3g}, "
            f"precinct_ballots {spread.precinct_ballots:.4g}"
        )


def _combine(means, sds):
    """Inverse-variance combination of estimates (rows) per region (columns); NaN: none given.

    An estimate with sd 0 is exact and wins.  Returns the combined mean and sd.
    """
    given = ~np.isnan(means)
    exact = given & (sds == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(given & ~exact, 1 / sds**2, 0.0)
        mean = (np.nan_to_num(means) * precision).sum(axis=0) / precision.sum(axis=0)
        sd = 1 / np.sqrt(precision.sum(axis=0))
    first_exact = np.argmax(exact, axis=0)
    has_exact = exact.any(axis=0)
    columns = np.arange(means.shape[1])
    mean = np.where(has_exact, means[first_exact, columns], mean)
    sd = np.where(has_exact, 0.0, sd)
    none = ~given.any(axis=0)
    return np.where(none, np.nan, mean), np.where(none, np.nan, sd)


def _national_per_precinct(counted, reported):
    """Ballots per reported precinct over every region that reports precincts."""
    known = ~np.isnan(reported) & (reported > 0)
    precincts = reported[known].sum()
    return counted[known].sum() / precincts if precincts > 0 else np.nan
