"""The text summary of a swept result: seats by method, and by threshold or seat count."""

import numpy as np

from seatcast.engine.report.table import format_probability, seat_range, table_lines

#: The sweep dims, in the order of the result's dims.
SWEEP_DIMS = ("threshold", "allocation", "n_seats")

#: Most rows a table by threshold or seat count shows (the file holds them all).
MAX_ROWS = 15


def swept_dims(dataset):
    """The sweep dims ``dataset`` has."""
    return tuple(dim for dim in SWEEP_DIMS if dim in dataset.dims)


def reference_point(dataset):
    """The configured rules as a selection of the swept dims (nearest grid value).

    ``dataset`` is one run, or one scenario of a batch (whose rules are
    variables rather than attrs).
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


def format_sweep_summary(dataset):
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


def describe_point(point):
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
    rows = [[label, *parties, "ENP", "Gallagher"]]
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


def _index(dataset, name, digits):
    mean = float(dataset[f"{name}_mean"])
    quantile = dataset[f"{name}_quantile"]
    low, high = (float(quantile.sel(quantile=q)) for q in (0.05, 0.95))
    return f"{mean:.{digits}f} ({low:.{digits}f}–{high:.{digits}f})"
