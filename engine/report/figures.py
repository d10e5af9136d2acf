"""Figures shared by every kind of result: panels per party, colours, PNGs written atomically.

matplotlib is imported when a figure is drawn, not with this module: it takes
longer to import than most commands take to run.
"""

import io
import math
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from seatcast.engine.results.files import write_atomically

if TYPE_CHECKING:
    import xarray as xr
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def party_panels(n_parties: int, *, width: float, height: float) -> tuple["Figure", list["Axes"]]:
    """A figure with one panel per party, four to a row; panels left over are hidden.

    Parameters
    ----------
    n_parties : int
        Panels to show.
    width, height : float
        Size of one panel, in inches.

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


def save_titled_png(figure: "Figure", dataset: "xr.Dataset", line: str, path: str | Path) -> None:
    """Title ``figure`` with the result's title and ``line`` (wrapped), and save it as a PNG."""
    wrapped = textwrap.fill(line, int(11 * figure.get_figwidth()))  # about 11 characters an inch
    figure.suptitle(f"{dataset.attrs.get('title', 'seat probabilities')}\n{wrapped}", fontsize=11)
    save_png(figure, path)


def save_png(figure: "Figure", path: str | Path) -> None:
    """Lay out ``figure``, write it to ``path`` as a PNG atomically, and close it."""
    import matplotlib.pyplot as plt

    figure.tight_layout()
    image = io.BytesIO()
    try:
        figure.savefig(image, dpi=130, format="png")
    finally:
        plt.close(figure)
    write_atomically(path, image.getvalue())


def party_colours(n: int) -> list[tuple[float, float, float, float]]:
    """``n`` colours, one per party, from matplotlib's tab10 cycle."""
    import matplotlib

    cycle = matplotlib.colormaps["tab10"]
    return [cycle(index % 10) for index in range(n)]
