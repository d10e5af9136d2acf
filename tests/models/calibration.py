"""Calibration of the nowcast model on synthetic elections: coverage, PIT, Brier score.

Run as a script for the full report (the tables in the README)::

    python -m tests.models.calibration [N_ELECTIONS]
"""

import itertools
import sys
from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

from seatcast.engine.run.election_night import Night, nowcast_inputs
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import run_plan
from seatcast.models.unit_design import build_design
from tests.models.synthetic_elections import synthetic_election

#: Shares of the ballots counted at which forecasts are judged.
FRACTIONS = (0.25, 0.5, 0.9)

#: A forecast with one seat count at least this likely is degenerate.
DEGENERATE = 0.99

#: Bins of the reliability table of P(clears threshold).
RELIABILITY_BINS = (0.0, 0.02, 0.2, 0.4, 0.6, 0.8, 0.98, 1.0)


@dataclass
class Forecasts:
    """Per party-election at one counted fraction."""

    covered: list
    degenerate: list
    pit: list
    clears_forecast: list
    clears_truth: list

    def coverage(self, degenerate=False):
        """Share of party-elections (degenerate or not) whose 90 % interval held the truth."""
        covered = np.array(self.covered)[np.array(self.degenerate) == degenerate]
        return covered.mean() if covered.size else np.nan, covered.size

    def pit_histogram(self, bins=10):
        """Counts of the randomised PIT of non-degenerate forecasts in equal bins of [0, 1]."""
        pit = np.array(self.pit)[~np.array(self.degenerate)]
        return np.histogram(pit, bins=bins, range=(0.0, 1.0))[0]

    def pit_p_value(self, bins=10):
        """Chi-square test of the PIT histogram against uniform."""
        histogram = self.pit_histogram(bins)
        return stats.chisquare(histogram).pvalue

    def pit_ks_p_value(self):
        """Kolmogorov-Smirnov test of the randomised PIT against uniform."""
        pit = np.array(self.pit)[~np.array(self.degenerate)]
        return stats.kstest(pit, "uniform").pvalue

    def brier(self):
        """Brier score of P(clears threshold), and of always forecasting the base rate."""
        forecast, truth = np.array(self.clears_forecast), np.array(self.clears_truth, dtype=float)
        return ((forecast - truth) ** 2).mean(), ((truth.mean() - truth) ** 2).mean()

    def reliability(self):
        """Rows (bin low, bin high, forecasts, mean forecast, observed frequency)."""
        forecast, truth = np.array(self.clears_forecast), np.array(self.clears_truth, dtype=float)
        rows = []
        for low, high in itertools.pairwise(RELIABILITY_BINS):
            inside = (forecast >= low) & ((forecast < high) | (high == 1.0))
            if inside.any():
                n, mean, observed = inside.sum(), forecast[inside].mean(), truth[inside].mean()
                rows.append((low, high, n, mean, observed))
        return rows


def calibrate(
    n_elections, *, seed=0, n_draws=2000, fractions=FRACTIONS, dispersion=None, units=False
):
    """Forecast ``n_elections`` synthetic elections at each counted fraction.

    Parameters
    ----------
    n_elections : int
    seed : int
    n_draws : int
        Per forecast.
    fractions : sequence of float
    dispersion : Dispersion, optional
        Settings to use instead of the defaults (the model without units).
    units : bool
        Project precinct by precinct, every precinct a known unit with its
        previous result (the unit model), instead of region by region.

    Returns
    -------
    dict of float to Forecasts
    """
    rng = np.random.default_rng(seed)
    results = {fraction: Forecasts([], [], [], [], []) for fraction in fractions}
    for index in range(n_elections):
        election = synthetic_election(rng)
        if dispersion is not None:
            nowcast = replace(election.config.nowcast, dispersion=dispersion)
            election = replace(election, config=replace(election.config, nowcast=nowcast))
        night, snapshot = None, election.snapshot
        if units:
            previous = election.previous()
            design = build_design(election.units(), election.components, previous)
            night, snapshot = Night(previous, election.units(), design), election.unit_snapshot
        final, _ = nowcast_inputs(election.config, snapshot(1.0), night)
        truth = final.system.allocate(final.ballots)
        for fraction in fractions:
            config, model = nowcast_inputs(election.config, snapshot(fraction), night)
            plan = build_plan(config, model=model)
            tallies = run_plan(plan, n_draws=n_draws, seed=index, chunk_size=n_draws, threads=1)
            _judge(results[fraction], tallies, truth, n_draws, rng)
    return results


def _judge(forecasts, tallies, truth, n_draws, rng):
    seat_count, pass_count = tallies.seat_count[0, 0], tallies.pass_count[0, 0]  # no sweep
    cumulative = np.cumsum(seat_count, axis=1) / n_draws
    for party, seats in enumerate(truth.seats):
        cdf = cumulative[party]
        low = int(np.argmax(cdf >= 0.05 - 1e-12))
        high = int(np.argmax(cdf >= 0.95 - 1e-12))
        below = cdf[seats - 1] if seats > 0 else 0.0
        forecasts.covered.append(low <= seats <= high)
        forecasts.degenerate.append(seat_count[party].max() >= DEGENERATE * n_draws)
        forecasts.pit.append(below + rng.random() * (cdf[seats] - below))
        forecasts.clears_forecast.append(pass_count[party] / n_draws)
        forecasts.clears_truth.append(truth.eligible[party])


def report(results):
    """The calibration tables as text."""
    lines = [
        "counted  party-elections  non-degenerate  90 % coverage  (degenerate: n, coverage)"
        "  PIT chi2 p  Brier (base rate)"
    ]
    for fraction, forecasts in results.items():
        coverage, n = forecasts.coverage()
        degenerate, n_degenerate = forecasts.coverage(degenerate=True)
        brier, base = forecasts.brier()
        lines.append(
            f"{fraction:>6.0%}  {len(forecasts.covered):>15}  {n:>14}  {coverage:>13.1%}"
            f"  ({n_degenerate}, {degenerate:.1%})  {forecasts.pit_p_value():>10.3f}"
            f"  {brier:.4f} ({base:.4f})"
        )
    lines.append("")
    lines.append("PIT histograms (non-degenerate forecasts, deciles):")
    for fraction, forecasts in results.items():
        lines.append(f"{fraction:>6.0%}  " + " ".join(f"{c:4d}" for c in forecasts.pit_histogram()))
    lines.append("")
    lines.append("reliability of P(clears threshold): bin, forecasts, mean forecast, observed")
    for fraction, forecasts in results.items():
        for low, high, n, mean, observed in forecasts.reliability():
            lines.append(
                f"{fraction:>6.0%}  [{low:.2f}, {high:.2f})  {n:>5}  {mean:.3f}  {observed:.3f}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print("with units (precincts as units, the previous election as covariates):")
    print(report(calibrate(count, units=True)))
    print("\nwithout units (regions as units):")
    print(report(calibrate(count)))
