"""The figure of ``seatcast replay --plot``: each party's seat range against the share counted."""

import numpy as np

from seatcast.engine.plots import party_panels, save_png
from seatcast.engine.summary_table import format_probability


def plot_replay(dataset, path):
    """Save one panel per party: the 90 % seat interval and median at every snapshot, as a PNG.

    Parameters
    ----------
    dataset : xarray.Dataset
        A replay result, with a ``snapshot`` dim.
    path : str or Path
    """
    parties = [str(party) for party in dataset["party"].values]
    figure, axes = party_panels(len(parties), width=3.8, height=2.9)
    counted = 100 * dataset["counted_fraction"].values
    for axis, party in zip(axes, parties, strict=True):
        _panel(axis, dataset, party, counted)
    attrs = dataset.attrs
    figure.suptitle(
        f"{attrs.get('election') or 'election night'}: seats as the count goes on\n"
        f"90 % interval (band) and median (line); {int(dataset['draws'][-1]):,} draws "
        "per snapshot",
        fontsize=11,
    )
    save_png(figure, path)


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
