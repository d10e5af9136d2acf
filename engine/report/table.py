"""The text summary of a result: seat ranges and probabilities per party and coalition."""

import numpy as np


def format_probability(p):
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


def format_summary(dataset):
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
    if "tier" in dataset.coords:
        tiers = " + ".join(str(tier) for tier in dataset["tier"].values)
        lines.append(
            f"seats in the whole chamber: {tiers} (held seats: {int(dataset['seats_held'].sum())})"
        )
    lines.append("")
    lines += table_lines(rows)
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


def district_lines(dataset):
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


def seat_range(dataset, party):
    """Median seats and the 90 % interval of a party: ``40 (38–42)``."""
    quantile = dataset["seats_quantile"].sel(party=party)
    low, median, high = (int(quantile.sel(quantile=q)) for q in (0.05, 0.5, 0.95))
    return f"{median} ({low}–{high})"


def on_ballot(dataset, party):
    """False for names that only hold seats (independents), which clear no threshold."""
    if "on_ballot" not in dataset.coords:
        return True
    return bool(dataset["on_ballot"].sel(party=party))


def table_lines(rows):
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
