"""A swept result: seats by method, and by threshold or seat count, as text and as a figure.

The figure runs along the threshold (or, without one, the seat count, or the
methods): P(clears the threshold) of every party in one panel, then one panel
per party with its median seats and 90 % band, one colour per method, and last
a table of median seats by method and party at the configured rules.
"""

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from seatcast.engine.report.figures import party_colours, party_panels, save_titled_png
from seatcast.engine.report.table import format_probability, seat_range, table_lines

if TYPE_CHECKING:
    import xarray as xr

#: The sweep dims, in the order of the result's dims.
SWEEP_DIMS = ("threshold", "allocation", "n_seats")

#: Most rows a table by threshold or seat count shows (the file holds them all).
MAX_ROWS = 15


def swept_dims(dataset: "xr.Dataset") -> tuple[str, ...]:
    """The sweep dims ``dataset`` has."""
    return tuple(dim for dim in SWEEP_DIMS if dim in dataset.dims)


def reference_point(dataset: "xr.Dataset") -> dict[str, float | str]:
    """The configured rules as a selection of the swept dims (nearest grid value).

    ``dataset`` is one run, or one scenario of a batch (whose rules are
    variables rather than attrs).

    Returns
    -------
    dict of str to float or str
        The value of each swept dim: ``threshold`` and ``n_seats`` numbers,
        ``allocation`` a method name.
    """
    point = {}
    if "threshold" in dataset.dims:
        configured = _configured(dataset, "configured_threshold", "configured_threshold")
        point["threshold"] = _nearest(dataset, "threshold", configured)
    if "allocation" in dataset.dims:
        methods = [str(name) for name in dataset["allocation"].values]
        configured = _configured(dataset, "configured_method", "configured_method")
        point["allocation"] = configured if configured in methods else methods[0]
    if "n_seats" in dataset.dims:
        configured = _configured(dataset, "configured_seats", "n_seats")
        point["n_seats"] = _nearest(dataset, "n_seats", configured)
    return point


def _configured(dataset, variable, attr):
    if variable in dataset.data_vars:
        return dataset[variable].item()
    return dataset.attrs[attr]


def _nearest(dataset, dim, value):
    values = dataset[dim].values
    return values[int(np.argmin(np.abs(values - value)))].item()


def format_sweep(dataset: "xr.Dataset") -> str:
    """The summary of a summarised swept result.

    Parameters
    ----------
    dataset : xarray.Dataset
        Output of :func:`seatcast.engine.results.dataset.summarise` with sweep dims.

    Returns
    -------
    str
    """
    attrs = dataset.attrs
    reference = reference_point(dataset)
    lines = [attrs["election"]] if attrs.get("election") else []
    lines.append(f"rules: {attrs.get('rules', '?')}")
    lines.append(f"sweep: {attrs.get('sweep', '?')}")
    draws = int(dataset["draws"])
    lines.append(f"model: {attrs.get('model', '?')}; {draws:,} draws, seed {attrs.get('seed')}")
    lines.append("")
    lines += _by_method(dataset, reference)
    if "threshold" in reference:
        lines.append("")
        lines += _by_value(dataset, reference, "threshold", clears=True)
    if "n_seats" in reference:
        lines.append("")
        lines += _by_value(dataset, reference, "n_seats", clears=False)
    lines.append("")
    lines.append(
        "every rule on the same draws; Monte Carlo standard error of every probability: "
        f"at most {format_probability(0.5 / np.sqrt(draws))}"
    )
    return "\n".join(lines)


def describe_point(point: Mapping[str, float | str]) -> str:
    """Words for a selection of sweep dims: ``hare, threshold 5 %, 69 seats``."""
    words = {
        "allocation": lambda value: str(value),
        "threshold": lambda value: f"threshold {100 * value:g} %",
        "n_seats": lambda value: f"{value} seats",
    }
    return ", ".join(words[dim](point[dim]) for dim in words if dim in point)


def _by_method(dataset, reference):
    """Median seats (90 % interval) per party, one column per method."""
    methods = (
        [str(name) for name in dataset["allocation"].values]
        if "allocation" in dataset.dims
        else [None]
    )
    at = {dim: value for dim, value in reference.items() if dim != "allocation"}
    point = dataset.sel(at)
    columns = [point.sel(allocation=m) if m else point for m in methods]
    header = ["party", *(m or "median seats (90 %)" for m in methods)]
    rows = [header]
    for party in dataset["party"].values:
        rows.append([str(party), *(seat_range(column, party) for column in columns)])
    if _has_indices(dataset):
        rows.append(["ENP", *(_index(column, "effective_parties", 2) for column in columns)])
        rows.append(["Gallagher", *(_index(column, "gallagher", 1) for column in columns)])
    title = "median seats (90 % interval)"
    if at:
        title += f" at {describe_point(at)}"
    return [title + ":", *table_lines(rows)]


def _by_value(dataset, reference, dim, *, clears):
    """Median seats per party (and P(clears)) against one swept value."""
    at = {key: value for key, value in reference.items() if key != dim}
    point = dataset.sel(at)
    values = point[dim].values
    shown = np.unique(np.linspace(0, len(values) - 1, min(MAX_ROWS, len(values))).round())
    parties = [str(party) for party in dataset["party"].values]
    median = point["seats_quantile"].sel(quantile=0.5)
    label = "threshold" if dim == "threshold" else "seats"
    indices = _has_indices(dataset)
    rows = [[label, *parties, *(["ENP", "Gallagher"] if indices else [])]]
    for index in shown.astype(int):
        row = point.isel({dim: index})
        cells = [_value_label(dim, values[index])]
        for party in parties:
            seats = int(median.isel({dim: index}).sel(party=party))
            cells.append(
                f"{seats} ({format_probability(float(row['pass_probability'].sel(party=party)))})"
                if clears
                else str(seats)
            )
        if indices:
            cells.append(f"{float(row['effective_parties_mean']):.2f}")
            cells.append(f"{float(row['gallagher_mean']):.1f}")
        rows.append(cells)
    what = "median seats (P(clears))" if clears else "median seats"
    title = f"{what} by {label}"
    if at:
        title += f", {describe_point(at)}"
    if len(shown) < len(values):
        title += f" ({len(shown)} of {len(values)} values shown)"
    return [title + ":", *table_lines(rows)]


def _value_label(dim, value):
    return f"{100 * value:g} %" if dim == "threshold" else str(value)


def _has_indices(dataset):
    """Whether the run tallied the indices (``[run] indices``, ``--indices``, or a sweep)."""
    return "effective_parties_mean" in dataset


def _index(dataset, name, digits):
    mean = float(dataset[f"{name}_mean"])
    quantile = dataset[f"{name}_quantile"]
    low, high = (float(quantile.sel(quantile=q)) for q in (0.05, 0.95))
    return f"{mean:.{digits}f} ({low:.{digits}f}–{high:.{digits}f})"


#: Colours and line styles of the methods, in the order of the ``allocation`` dim:
#: styles tell methods apart where their medians coincide.
METHOD_COLOURS = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#4a5568")
METHOD_STYLES = ("-", "--", ":", "-.")


def plot_sweep(dataset: "xr.Dataset", path: str | Path) -> None:
    """Save the sweep figure of a summarised swept result as a PNG.

    Parameters
    ----------
    dataset : xarray.Dataset
        A summarised result with at least one sweep dim.
    path : str or Path
    """
    reference = reference_point(dataset)
    x_dim = next((dim for dim in ("threshold", "n_seats") if dim in reference), "allocation")
    parties = [str(party) for party in dataset["party"].values]
    figure, axes = party_panels(len(parties) + 2, width=3.8, height=2.9)
    at = {dim: value for dim, value in reference.items() if dim not in (x_dim, "allocation")}
    point = dataset.sel(at)
    _clears_panel(axes[0], point, reference, x_dim, parties)
    for index, (axis, party) in enumerate(zip(axes[1:-1], parties, strict=True)):
        _seats_panel(axis, point, x_dim, party, legend=index == 0)
    _table_panel(axes[-1], dataset, reference, parties)
    attrs = dataset.attrs
    line = f"{attrs.get('model', '')}; {int(dataset['draws']):,} draws; {attrs.get('sweep', '')}"
    save_titled_png(figure, dataset, line, path)


def _x_values(point, x_dim):
    if x_dim == "threshold":
        return 100 * point["threshold"].values, "threshold (%)"
    if x_dim == "n_seats":
        return point["n_seats"].values, "seats allocated"
    return np.arange(point.sizes["allocation"]), "method"


def _methods(point):
    if "allocation" in point.dims:
        return [str(name) for name in point["allocation"].values]
    return [None]


def _clears_panel(axis, point, reference, x_dim, parties):
    """P(clears its threshold) of each party against the x dim (first method)."""
    method = reference.get("allocation")
    shown = point.sel(allocation=method) if "allocation" in point.dims else point
    x, label = _x_values(point, x_dim)
    colours = party_colours(len(parties))
    for colour, party in zip(colours, parties, strict=True):
        probability = shown["pass_probability"].sel(party=party).values
        if x_dim == "allocation":
            probability = np.broadcast_to(probability, x.shape)
        axis.plot(x, probability, color=colour, linewidth=1.4, label=party)
    axis.set_ylim(-0.03, 1.03)
    axis.set_title("P(clears the threshold)", fontsize=9)
    axis.set_xlabel(label, fontsize=8)
    axis.set_ylabel("probability", fontsize=8)
    axis.tick_params(labelsize=8)
    axis.legend(fontsize=6, loc="best", frameon=False)
    if x_dim == "allocation":
        axis.set_xticks(x, _methods(point), fontsize=7)


def _seats_panel(axis, point, x_dim, party, *, legend):
    """Median seats and the 90 % band of one party, one colour per method."""
    x, label = _x_values(point, x_dim)
    quantile = point["seats_quantile"].sel(party=party)
    methods = _methods(point)
    for index, method in enumerate(methods):
        colour = METHOD_COLOURS[index % len(METHOD_COLOURS)]
        shown = quantile.sel(allocation=method) if method and x_dim != "allocation" else quantile
        low, median, high = (shown.sel(quantile=q).values for q in (0.05, 0.5, 0.95))
        if x_dim == "allocation":
            axis.errorbar(
                x, median, yerr=[median - low, high - median], fmt="o", color=colour, capsize=3
            )
            axis.set_xticks(x, methods, fontsize=7)
            break
        axis.fill_between(x, low, high, step="mid", color=colour, alpha=0.18, linewidth=0)
        style = METHOD_STYLES[index % len(METHOD_STYLES)]
        axis.step(
            x, median, where="mid", color=colour, linewidth=1.4, linestyle=style, label=method
        )
    axis.set_title(party, fontsize=9)
    axis.set_xlabel(label, fontsize=8)
    axis.set_ylabel("seats (median, 90 %)", fontsize=8)
    axis.tick_params(labelsize=8)
    axis.yaxis.get_major_locator().set_params(integer=True)
    low, high = float(quantile.min()), float(quantile.max())
    axis.set_ylim(low - 0.5, max(high, low + 1) + 0.5)
    if legend and len(methods) > 1 and x_dim != "allocation":
        axis.legend(fontsize=6, loc="best", frameon=False)


def _table_panel(axis, dataset, reference, parties):
    """Median seats by method (columns) and party (rows) at the configured rules."""
    at = {dim: value for dim, value in reference.items() if dim != "allocation"}
    point = dataset.sel(at)
    methods = _methods(point)
    median = point["seats_quantile"].sel(quantile=0.5)
    cells = [
        [str(int(median.sel(party=party, **({"allocation": m} if m else {})))) for m in methods]
        for party in parties
    ]
    axis.axis("off")
    table = axis.table(
        cellText=cells,
        rowLabels=[textwrap.shorten(party, 18, placeholder="…") for party in parties],
        colLabels=[m or "median" for m in methods],
        loc="center",
        cellLoc="center",
    )
    table.auto_set_font_size(False)
    table.set_fontsize(7)
    title = "median seats"
    if at:
        title += f"\nat {describe_point(at)}"
    axis.set_title(title, fontsize=9)
