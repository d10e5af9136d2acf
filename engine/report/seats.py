"""One run's result: the summary table of seat ranges and probabilities, and its figure.

The text is printed by ``seatcast run`` and ``report``; the figure of
``seatcast report --plot`` shows each party's seat distribution as bars.
"""

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from seatcast.engine.report.figures import party_panels, save_titled_png
from seatcast.engine.report.table import (
    district_lines,
    format_probability,
    on_ballot,
    table_lines,
)
from seatcast.engine.results.dataset import histogram_quantile

if TYPE_CHECKING:
    import xarray as xr

#: Seats whose probability is below this are left off a party's axis.
VISIBLE = 5e-4


def plot_run(dataset: "xr.Dataset", path: str | Path) -> None:
    """Save one bar chart per party (seats against probability) as a PNG.

    The bars of the 90 % interval are dark, the median is marked, and each
    panel's title gives the range and the chance to clear the threshold.  A
    result of linked tiers adds a last panel: the chamber's size.

    Parameters
    ----------
    dataset : xarray.Dataset
        A summarised result.
    path : str or Path
    """
    parties = [str(party) for party in dataset["party"].values]
    sized = "chamber_size_count" in dataset
    figure, axes = party_panels(len(parties) + sized, width=3.6, height=2.7)
    for axis, party in zip(axes, parties, strict=False):
        _panel(axis, dataset, party)
    if sized:
        _size_panel(axes[len(parties)], dataset)
    line = f"{dataset.attrs.get('model', '')}; {int(dataset['draws']):,} draws"
    save_titled_png(figure, dataset, line, path)


def _panel(axis, dataset, party):
    probability = dataset["seat_probability"].sel(party=party).values
    seats = dataset["seats"].values
    quantile = dataset["seats_quantile"].sel(party=party)
    low, median, high = (int(quantile.sel(quantile=q)) for q in (0.05, 0.5, 0.95))
    visible = np.flatnonzero(probability >= VISIBLE)
    first, last = (visible[0], visible[-1]) if visible.size else (median, median)
    first, last = max(0, first - 1), min(seats[-1], last + 1)
    window = slice(first, last + 1)
    inside = (seats[window] >= low) & (seats[window] <= high)
    colours = np.where(inside, "#2b6cb0", "#a7c4e5")
    axis.bar(seats[window], probability[window], color=colours, width=0.85)
    axis.axvline(median, color="#c53030", linewidth=1.2)
    pass_probability = float(dataset["pass_probability"].sel(party=party))
    clears = format_probability(pass_probability)
    axis.set_title(f"{party}\nmedian {median}, 90 %: {low}–{high}; clears: {clears}", fontsize=9)
    axis.set_xlabel("seats", fontsize=8)
    axis.set_ylabel("probability", fontsize=8)
    axis.tick_params(labelsize=8)
    axis.xaxis.get_major_locator().set_params(integer=True)


def _size_panel(axis, dataset):
    """The distribution of the chamber's size, with its regular size marked."""
    counts = dataset["chamber_size_count"].values
    sizes = dataset["seats"].values
    seen = np.flatnonzero(counts)
    window = slice(max(seen[0] - 1, 0), seen[-1] + 2) if seen.size else slice(0, 1)
    axis.bar(sizes[window], counts[window] / int(dataset["draws"]), color="#2b6cb0", width=0.85)
    axis.axvline(int(dataset.attrs["chamber_seats"]), color="#c53030", linewidth=1.2)
    overhang = format_probability(float(dataset["overhang_probability"]))
    axis.set_title(
        f"chamber size\nregular {dataset.attrs['chamber_seats']}; P(overhang) {overhang}",
        fontsize=9,
    )
    axis.set_xlabel("seats", fontsize=8)
    axis.set_ylabel("probability", fontsize=8)
    axis.tick_params(labelsize=8)
    axis.xaxis.get_major_locator().set_params(integer=True)


def _linked_tiers_line(dataset):
    """The tiers, their linkage and the chamber's size, of a result of linked tiers."""
    attrs = dataset.attrs
    tiers = " + ".join(str(tier) for tier in dataset["tier"].values)
    simulated = f"; {attrs['constituencies']} simulated" if "constituencies" in attrs else ""
    sizes = histogram_quantile(dataset["chamber_size_count"], "seats", (0.05, 0.95))
    low, high = (int(value) for value in sizes.values)
    size = f"{low}" if low == high else f"{low}–{high} (90 %)"
    overhang = format_probability(float(dataset["overhang_probability"]))
    return (
        f"seats in the whole chamber: {tiers}, linkage {attrs['linkage']}{simulated}\n"
        f"chamber size {size}, mean {float(dataset['chamber_size_mean']):.2f}; "
        f"P(overhang) {overhang}, mean overhang {float(dataset['overhang_mean']):.2f}"
    )


def _tier_table(dataset):
    """Each name's median seats and 90 % interval in each tier."""
    tiers = [str(tier) for tier in dataset["tier"].values]
    quantiles = histogram_quantile(dataset["tier_seat_count"], "seats", (0.05, 0.5, 0.95))
    rows = [["party", *(f"{tier}: median (90 %)" for tier in tiers)]]
    for party in dataset["party"].values:
        cells = [str(party)]
        for tier in tiers:
            low, median, high = (int(v) for v in quantiles.sel(party=party, tier=tier).values)
            cells.append(f"{median} ({low}–{high})")
        rows.append(cells)
    return table_lines(rows)


def format_run(dataset: "xr.Dataset") -> str:
    """The summary table of a summarised result.

    Parameters
    ----------
    dataset : xarray.Dataset
        Output of :func:`seatcast.engine.results.dataset.summarise`.

    Returns
    -------
    str
    """
    attrs = dataset.attrs
    quantile = dataset["seats_quantile"]
    low, median, high = (quantile.sel(quantile=q) for q in (0.05, 0.5, 0.95))
    at_least_one = 1 - dataset["seat_probability"].sel(seats=0)
    supermajority = "supermajority_probability" in dataset
    header = ["party", "median seats", "90 % interval", "P(seats >= 1)", "P(clears)", "P(majority)"]
    rows = [header + (["P(supermajority)"] if supermajority else [])]
    for party in dataset["party"].values:
        cells = [
            str(party),
            str(int(median.sel(party=party))),
            f"{int(low.sel(party=party))}–{int(high.sel(party=party))}",
            format_probability(float(at_least_one.sel(party=party))),
            format_probability(float(dataset["pass_probability"].sel(party=party)))
            if on_ballot(dataset, party)
            else "-",
            format_probability(float(dataset["majority_probability"].sel(party=party))),
        ]
        if supermajority:
            cells.append(
                format_probability(float(dataset["supermajority_probability"].sel(party=party)))
            )
        rows.append(cells)
    lines = []
    if attrs.get("election"):
        lines.append(attrs["election"])
    if attrs.get("rules"):
        lines.append(attrs["rules"])
    draws = int(dataset["draws"])
    lines.append(f"model: {attrs.get('model', '?')}; {draws:,} draws, seed {attrs.get('seed')}")
    majorities = f"majority: {attrs['majority']} of {attrs['chamber_seats']} seats"
    if supermajority:
        majorities += f"; supermajority: {attrs['supermajority']}"
    lines.append(majorities)
    if "chamber_size_count" in dataset:
        lines.append(_linked_tiers_line(dataset))
    elif "tier" in dataset.coords:
        tiers = " + ".join(str(tier) for tier in dataset["tier"].values)
        lines.append(
            f"seats in the whole chamber: {tiers} (held seats: {int(dataset['seats_held'].sum())})"
        )
    lines.append("")
    lines += table_lines(rows)
    if "chamber_size_count" in dataset:
        lines += ["", *_tier_table(dataset)]
    if dataset.sizes.get("coalition", 0):
        lines.append("")
        kinds = ["majority"] + (["supermajority"] if supermajority else [])
        rows = [["coalition", "members", *(f"P({kind})" for kind in kinds)]]
        for name in dataset["coalition"].values:
            rows.append(
                [
                    str(name),
                    str(dataset["coalition_members"].sel(coalition=name).values),
                    *(
                        format_probability(
                            float(dataset[f"coalition_{kind}_probability"].sel(coalition=name))
                        )
                        for kind in kinds
                    ),
                ]
            )
        lines += table_lines(rows)
    if "district_seats_mean" in dataset:
        lines += ["", *district_lines(dataset)]
    failed = int(dataset["failed_count"].sum())
    if failed:
        reasons = [
            f"{int(count):,}: {reason}"
            for reason, count in zip(
                dataset["failure"].values, dataset["failed_count"].values, strict=True
            )
            if count
        ]
        lines.append("")
        lines.append(
            f"warning: {failed:,} draws could not be allocated and count as no seats for anyone "
            f"({'; '.join(reasons)})"
        )
    lines.append("")
    lines.append(
        "Monte Carlo standard error of every probability: at most "
        f"{format_probability(0.5 / np.sqrt(int(dataset['draws'])))}"
    )
    return "\n".join(lines)
