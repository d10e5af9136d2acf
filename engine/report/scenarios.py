"""A scenario batch: one row per scenario and one column per party, as text and as a figure.

The figure shows P(clears the threshold) of every party across the scenarios
in one panel, then one panel per party with its median seats and 90 % interval
in each scenario; each scenario at its own configured rules where the batch
also sweeps rules.
"""

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from seatcast.engine.report.figures import party_colours, party_panels, save_titled_png
from seatcast.engine.report.sweep import describe_point, reference_point
from seatcast.engine.report.table import format_probability, on_ballot, seat_range, table_lines

if TYPE_CHECKING:
    import xarray as xr

#: Most scenarios the tables show (the file holds them all).
MAX_ROWS = 20


def at_configured_rules(
    dataset: "xr.Dataset",
) -> list[tuple[str, "xr.Dataset", dict[str, float | str]]]:
    """Each scenario at its own configured rules, where the batch sweeps rules too.

    Parameters
    ----------
    dataset : xarray.Dataset
        A summarised batch.

    Returns
    -------
    list of (str, xarray.Dataset, dict of str to float or str)
        Scenario name, its results without sweep dims, and the sweep point
        chosen (see :func:`~seatcast.engine.report.sweep.reference_point`).
    """
    points = []
    for name in dataset["scenario"].values:
        scenario = dataset.sel(scenario=name)
        point = reference_point(scenario)
        points.append((str(name), scenario.sel(point), point))
    return points


def format_scenarios(dataset: "xr.Dataset") -> str:
    """The summary of a summarised scenario batch.

    Parameters
    ----------
    dataset : xarray.Dataset
        Output of :func:`seatcast.engine.results.dataset.summarise` with a ``scenario`` dim.

    Returns
    -------
    str
    """
    attrs = dataset.attrs
    scenarios = at_configured_rules(dataset)
    shown = _shown(scenarios)
    draws = int(dataset["draws"])
    parties = [str(party) for party in dataset["party"].values]
    lines = [attrs["election"]] if attrs.get("election") else []
    lines.append(
        f"{len(scenarios):,} scenarios on the same {draws:,} draws, seed {attrs.get('seed')}"
        + (f"; sweep: {attrs['sweep']}, shown at each scenario's rules" if "sweep" in attrs else "")
    )
    if len(shown) < len(scenarios):
        lines.append(f"{len(shown)} of {len(scenarios):,} scenarios shown; the file holds them all")
    lines.append("")
    rows = [["scenario", *parties]]
    rows += [[name, *(seat_range(result, party) for party in parties)] for name, result, _ in shown]
    lines += ["median seats (90 % interval):", *table_lines(rows), ""]
    listed = [party for party in parties if on_ballot(dataset, party)]
    rows = [["scenario", *listed]]
    rows += [
        [name, *(_shown_probability(result["pass_probability"].sel(party=p)) for p in listed)]
        for name, result, _ in shown
    ]
    lines += ["P(clears the threshold):", *table_lines(rows), ""]
    lines += _majorities(dataset, scenarios, shown, parties)
    lines.append("scenarios:")
    for name, result, point in shown:
        rules = str(result["scenario_rules"].values)
        if point:
            rules += f" (shown at {describe_point(point)})"
        lines.append(f"  {name}: {rules}; model: {result['scenario_model'].values}")
    lines.append("")
    lines.append(
        "Monte Carlo standard error of every probability: at most "
        f"{format_probability(0.5 / np.sqrt(draws))}"
    )
    return "\n".join(lines)


def _majorities(dataset, scenarios, shown, parties):
    """P(majority) of every party or coalition that has one in some scenario."""
    contenders = [
        party
        for party in parties
        if any(
            float(result["majority_probability"].sel(party=party)) > 0 for _, result, _ in scenarios
        )
    ]
    coalitions = [str(name) for name in dataset["coalition"].values]
    rows = [["scenario", "majority", *contenders, *coalitions]]
    for name, result, _ in shown:
        rows.append(
            [
                name,
                f"{int(result['chamber_majority'])} of {int(result['chamber_seats'])}",
                *(
                    _shown_probability(result["majority_probability"].sel(party=p))
                    for p in contenders
                ),
                *(
                    _shown_probability(result["coalition_majority_probability"].sel(coalition=c))
                    for c in coalitions
                ),
            ]
        )
    return ["P(majority of the whole chamber):", *table_lines(rows), ""]


def _shown(scenarios):
    """The scenarios the tables show: all, or :data:`MAX_ROWS` evenly spread."""
    if len(scenarios) <= MAX_ROWS:
        return scenarios
    picks = np.unique(np.linspace(0, len(scenarios) - 1, MAX_ROWS).round()).astype(int)
    return [scenarios[index] for index in picks]


def _shown_probability(value):
    return format_probability(float(value))


#: Most scenario names written under an axis; more are thinned out.
MAX_LABELS = 12


def plot_scenarios(dataset: "xr.Dataset", path: str | Path) -> None:
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
