"""The figure of ``seatcast report --plot`` for a scenario batch.

P(clears the threshold) of every party across the scenarios in one panel,
then one panel per party with its median seats and 90 % interval in each
scenario; each scenario at its own configured rules where the batch also
sweeps rules.
"""

import textwrap

import numpy as np

from seatcast.engine.report.plots import party_panels, save_titled_png
from seatcast.engine.report.scenarios import at_configured_rules
from seatcast.engine.report.sweep_plot import party_colours

#: Most scenario names written under an axis; more are thinned out.
MAX_LABELS = 12


def plot_scenarios(dataset, path):
    """Save the scenario figure of a summarised batch as a PNG.

    Parameters
    ----------
    dataset : xarray.Dataset
        A summarised result with a ``scenario`` dim.
    path : str or Path
    """
    scenarios = at_configured_rules(dataset)
    names = [name for name, _, _ in scenarios]
    parties = [str(party) for party in dataset["party"].values]
    x = np.arange(len(scenarios))
    figure, axes = party_panels(len(parties) + 1, width=3.8, height=3.2)
    clears = axes[0]
    for colour, party in zip(party_colours(len(parties)), parties, strict=True):
        probability = [
            float(result["pass_probability"].sel(party=party)) for _, result, _ in scenarios
        ]
        clears.plot(x, probability, "o-", color=colour, linewidth=1.2, markersize=3, label=party)
    clears.set_ylim(-0.03, 1.03)
    clears.set_title("P(clears the threshold)", fontsize=9)
    clears.set_ylabel("probability", fontsize=8)
    clears.legend(fontsize=6, loc="best", frameon=False)
    for axis, party in zip(axes[1:], parties, strict=True):
        quantiles = np.array(
            [
                [
                    int(result["seats_quantile"].sel(party=party, quantile=q))
                    for q in (0.05, 0.5, 0.95)
                ]
                for _, result, _ in scenarios
            ]
        )
        low, median, high = quantiles.T
        axis.errorbar(
            x, median, yerr=[median - low, high - median], fmt="o", color="#2b6cb0", capsize=3
        )
        axis.set_title(party, fontsize=9)
        axis.set_ylabel("seats (median, 90 %)", fontsize=8)
        axis.yaxis.get_major_locator().set_params(integer=True)
        axis.set_ylim(low.min() - 0.5, max(high.max(), low.min() + 1) + 0.5)
    for axis in axes:
        _scenario_ticks(axis, names)
    line = f"{len(names):,} scenarios on the same {int(dataset['draws']):,} draws"
    save_titled_png(figure, dataset, line, path)


def _scenario_ticks(axis, names):
    """Scenario names under the axis, slanted; at most :data:`MAX_LABELS` of them."""
    step = max(1, -(-len(names) // MAX_LABELS))
    ticks = np.arange(0, len(names), step)
    labels = [textwrap.shorten(names[index], 22, placeholder="…") for index in ticks]
    axis.set_xticks(ticks, labels, rotation=35, ha="right", fontsize=7)
    axis.set_xlim(-0.5, len(names) - 0.5)
    axis.tick_params(axis="y", labelsize=8)
