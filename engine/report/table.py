"""Text shared by every summary: probabilities and seat ranges as people read them, and tables."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xarray as xr


def format_probability(p: float) -> str:
    """A probability as a person reads it: ``0 %``, ``<0.1 %``, ``12.3 %``, ``100 %``."""
    if p <= 0:
        return "0 %"
    if p >= 1:
        return "100 %"
    if p < 0.0005:
        return "<0.1 %"
    if p > 0.9995:
        return ">99.9 %"
    return f"{100 * p:.1f} %"


def district_lines(dataset: "xr.Dataset") -> list[str]:
    """Expected seats by district of every party that wins a seat somewhere.

    Parameters
    ----------
    dataset : xarray.Dataset
        A summarised district result (without sweep dims).

    Returns
    -------
    list of str
    """
    mean = dataset["district_seats_mean"]
    winners = [
        str(party)
        for party in dataset["party"].values
        if float(mean.sel(party=party).max()) >= 0.05
    ]
    rows = [["district", "seats", *winners]]
    for district, seats in zip(
        dataset["district"].values, dataset["district_seats"].values, strict=True
    ):
        cells = [f"{float(mean.sel(district=district, party=party)):.1f}" for party in winners]
        rows.append([str(district), str(int(seats)), *cells])
    return ["expected seats by district:", *table_lines(rows)]


def seat_range(dataset: "xr.Dataset", party: str) -> str:
    """Median seats and the 90 % interval of a party: ``40 (38–42)``."""
    quantile = dataset["seats_quantile"].sel(party=party)
    low, median, high = (int(quantile.sel(quantile=q)) for q in (0.05, 0.5, 0.95))
    return f"{median} ({low}–{high})"


def on_ballot(dataset: "xr.Dataset", party: str) -> bool:
    """False for names that only hold seats (independents), which clear no threshold."""
    if "on_ballot" not in dataset.coords:
        return True
    return bool(dataset["on_ballot"].sel(party=party))


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """Text cells as aligned lines: first column left, the rest right, a rule under the header."""
    widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines
