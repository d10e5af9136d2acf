"""The figure of ``seatcast replay --plot``: seat ranges and P(clears) against the share counted.

One panel with every party's chance to clear the threshold over the night,
then one panel per party with its seat range.
"""

import numpy as np

from seatcast.engine.report.plots import party_panels, save_png
from seatcast.engine.report.sweep_plot import party_colours
from seatcast.engine.report.table import format_probability

#: Line styles of the P(clears) panel, one round of colours each.
_STYLES = ("-", "--", ":", "-.")


def plot_replay(dataset, path):
    """Save P(clears) of every party and each party's seat range at every snapshot, as a PNG.

    Parameters
    ----------
    dataset : xarray.Dataset
        A replay result, with a ``snapshot`` dim.
    path : str or Path
    """
    parties = [str(party) for party in dataset["party"].values]
    figure, axes = party_panels(len(parties) + 1, width=3.8, height=2.9)
    counted = 100 * dataset["counted_fraction"].values
    _clears_panel(axes[0], dataset, parties, counted)
    for axis, party in zip(axes[1:], parties, strict=True):
        _panel(axis, dataset, party, counted)
    attrs = dataset.attrs
    figure.suptitle(
        f"{attrs.get('election') or 'election night'}: seats as the count goes on\n"
        f"90 % interval (band) and median (line); {int(dataset['draws'][-1]):,} draws "
        "per snapshot",
        fontsize=11,
    )
    save_png(figure, path)


def _clears_panel(axis, dataset, parties, counted):
    """Each party's P(clears the threshold) at every snapshot, one line per party."""
    probability = dataset["pass_probability"]
    for index, (colour, party) in enumerate(zip(party_colours(len(parties)), parties, strict=True)):
        axis.plot(
            counted,
            probability.sel(party=party).values,
            color=colour,
            linestyle=_STYLES[index // 10 % len(_STYLES)],
            drawstyle="steps-post",
            marker="o",
            markersize=2.5,
            linewidth=1.2,
            label=party,
        )
    axis.set_title("P(clears the threshold)", fontsize=9)
    axis.set_xlim(0, 100)
    axis.set_ylim(-0.03, 1.03)
    axis.set_xlabel("ballots counted (%)", fontsize=8)
    axis.set_ylabel("probability", fontsize=8)
    axis.tick_params(labelsize=8)
    axis.grid(alpha=0.3, linewidth=0.5)
    axis.legend(
        fontsize=6,
        loc="best",
        framealpha=0.6,
        ncols=1 + len(parties) // 7,
        handlelength=1.6,
        columnspacing=0.8,
    )


def _panel(axis, dataset, party, counted):
    quantile = dataset["seats_quantile"].sel(party=party)
    low, median, high = (quantile.sel(quantile=q).values for q in (0.05, 0.5, 0.95))
    # A snapshot's range holds until the next one: steps, not slopes.
    axis.fill_between(counted, low, high, color="#a7c4e5", step="post", linewidth=0)
    axis.plot(counted, median, color="#2b6cb0", drawstyle="steps-post", linewidth=1.4)
    axis.plot(counted, median, color="#2b6cb0", marker="o", markersize=3, linestyle="none")
    last = int(median[-1])
    axis.axhline(last, color="#c53030", linewidth=0.8, linestyle="--")
    clears = format_probability(float(dataset["pass_probability"].sel(party=party)[-1]))
    axis.set_title(
        f"{party}\nlast: {last} ({int(low[-1])}–{int(high[-1])}); clears: {clears}", fontsize=9
    )
    axis.set_xlim(0, 100)
    top = int(np.max(high))
    axis.set_ylim(max(0, int(np.min(low)) - 1) - 0.5, top + 1.5)
    axis.set_xlabel("ballots counted (%)", fontsize=8)
    axis.set_ylabel("seats", fontsize=8)
    axis.tick_params(labelsize=8)
    axis.yaxis.get_major_locator().set_params(integer=True)
    axis.grid(alpha=0.3, linewidth=0.5)
