"""The figure of ``seatcast report --plot``: each party's seat distribution as bars."""

import io
import math
import textwrap

import numpy as np

from seatcast.engine.report.table import format_probability
from seatcast.engine.results.files import write_atomically

#: Seats whose probability is below this are left off a party's axis.
VISIBLE = 5e-4


def plot_seat_distributions(dataset, path):
    """Save one bar chart per party (seats against probability) as a PNG.

    The bars of the 90 % interval are dark, the median is marked, and each
    panel's title gives the range and the chance to clear the threshold.

    Parameters
    ----------
    dataset : xarray.Dataset
        A summarised result.
    path : str or Path
    """
    parties = [str(party) for party in dataset["party"].values]
    figure, axes = party_panels(len(parties), width=3.6, height=2.7)
    for axis, party in zip(axes, parties, strict=True):
        _panel(axis, dataset, party)
    line = f"{dataset.attrs.get('model', '')}; {int(dataset['draws']):,} draws"
    save_titled_png(figure, dataset, line, path)


def party_panels(n_parties, *, width, height):
    """A figure with one panel per party, four to a row; panels left over are hidden.

    Returns
    -------
    figure : matplotlib.figure.Figure
    axes : list of Axes
        ``n_parties`` panels in reading order.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n_columns = min(4, n_parties)
    n_rows = math.ceil(n_parties / n_columns)
    figure, axes = plt.subplots(
        n_rows, n_columns, figsize=(width * n_columns, height * n_rows + 0.8), squeeze=False
    )
    for axis in list(axes.flat)[n_parties:]:
        axis.set_visible(False)
    return figure, list(axes.flat)[:n_parties]


def save_titled_png(figure, dataset, line, path):
    """Title ``figure`` with the result's title and ``line`` (wrapped), and save it as a PNG."""
    wrapped = textwrap.fill(line, int(11 * figure.get_figwidth()))  # about 11 characters an inch
    figure.suptitle(f"{dataset.attrs.get('title', 'seat probabilities')}\n{wrapped}", fontsize=11)
    save_png(figure, path)


def save_png(figure, path):
    """Lay out ``figure``, write it to ``path`` as a PNG atomically, and close it."""
    import matplotlib.pyplot as plt

    figure.tight_layout()
    image = io.BytesIO()
    try:
        figure.savefig(image, dpi=130, format="png")
    finally:
        plt.close(figure)
    write_atomically(path, image.getvalue())


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
