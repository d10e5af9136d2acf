"""The text summary of a scenario batch: one row per scenario, one column per party."""

import numpy as np

from seatcast.engine.report.sweep import describe_point, reference_point
from seatcast.engine.report.table import format_probability, on_ballot, seat_range, table_lines

#: Most scenarios the tables show (the file holds them all).
MAX_ROWS = 20


def at_configured_rules(dataset):
    """Each scenario at its own configured rules, where the batch sweeps rules too.

    Parameters
    ----------
    dataset : xarray.Dataset
        A summarised batch.

    Returns
    -------
    list of (str, xarray.Dataset, dict)
        Scenario name, its results without sweep dims, and the sweep point chosen.
    """
    points = []
    for name in dataset["scenario"].values:
        scenario = dataset.sel(scenario=name)
        point = reference_point(scenario)
        points.append((str(name), scenario.sel(point), point))
    return points


def format_scenario_summary(dataset):
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
        [name, *(_probability(result["pass_probability"].sel(party=p)) for p in listed)]
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
                *(_probability(result["majority_probability"].sel(party=p)) for p in contenders),
                *(
                    _probability(result["coalition_majority_probability"].sel(coalition=c))
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


def _probability(value):
    return format_probability(float(value))
