"""The figure of ``seatcast replay --plot``: each party's seat range against the share counted."""

import math

import numpy as np

from seatcast.engine.result_files import write_atomically
from seatcast.engine.summary_table import format_probability


def plot_replay(dataset, path):
    """Save one panel per party: the 90 % seat interval and median at every snapshot, as a PNG.

    Parameters
    ----------
    dataset : xarray.Dataset
        A replay result, with a ``snapshot`` dim.
    path : str or Path
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    parties = [str(party) for party in dataset["party"].values]
    n_columns = min(4, len(parties))
    n_rows = math.ceil(len(parties) / n_columns)
    figure, axes = plt.subplots(
        n_rows, n_columns, figsize=(3.8 * n_columns, 2.9 * n_rows + 0.9), squeeze=False
    )
    counted = 100 * dataset["counted_fraction"].values
    for axis, party in zip(axes.flat, parties, strict=False):
        _panel(axis, dataset, party, counted)
    for axis in list(axes.flat)[len(parties) :]:
        axis.set_visible(False)
    attrs = dataset.attrs
    figure.suptitle(
        f"{attrs.get('election') or 'election night'}: seats as the count goes on\n"
        f"90 % interval (band) and median (line); {int(dataset['draws'][-1]):,} draws "
        "per snapshot",
        fontsize=11,
    )
    figure.tight_layout()
    try:
        write_atomically(path, lambda temporary: figure.savefig(temporary, dpi=130, format="png"))
    finally:
        plt.close(figure)


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
