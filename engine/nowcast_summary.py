"""Text summaries of election-night results: one snapshot, or a replay of many."""

from seatcast.engine.summary_table import format_summary, table_lines


def format_nowcast(dataset):
    """Seat summary and projected shares of one snapshot's result.

    Parameters
    ----------
    dataset : xarray.Dataset
        Output of :func:`seatcast.engine.election_night.nowcast`.

    Returns
    -------
    str
    """
    attrs = dataset.attrs
    when = f" at {attrs['time']}" if attrs.get("time") else ""
    lines = [
        f"snapshot {attrs['snapshot']}{when}: {100 * attrs['counted_fraction']:.1f} % counted",
        "",
        format_summary(dataset),
        "",
    ]
    quantile = dataset["share_quantile"]
    rows = [["projected share", "median", "90 % interval"]]
    for component in dataset["component"].values:
        low, median, high = (
            100 * float(quantile.sel(quantile=q, component=component)) for q in (0.05, 0.5, 0.95)
        )
        rows.append([str(component), f"{median:.2f} %", f"{low:.2f}–{high:.2f} %"])
    lines += table_lines(rows)
    return "\n".join(lines)


def format_replay(dataset):
    """One row per snapshot: the share counted and each party's median seats and 90 % range.

    Parameters
    ----------
    dataset : xarray.Dataset
        Output of :func:`seatcast.engine.election_night.replay`, with a ``snapshot`` dim.

    Returns
    -------
    str
    """
    attrs = dataset.attrs
    parties = [str(party) for party in dataset["party"].values]
    quantile = dataset["seats_quantile"]
    timed = any(dataset["time"].values)
    rows = [["snapshot", *(["time"] if timed else []), "counted", *parties]]
    for label in dataset["snapshot"].values:
        here = quantile.sel(snapshot=label)
        row = [str(label), *([str(dataset["time"].sel(snapshot=label).values)] if timed else [])]
        row.append(f"{100 * float(dataset['counted_fraction'].sel(snapshot=label)):.1f} %")
        for party in parties:
            low, median, high = (int(here.sel(party=party, quantile=q)) for q in (0.05, 0.5, 0.95))
            row.append(f"{median} ({low}–{high})" if low != high else str(median))
        rows.append(row)
    lines = [line for line in (attrs.get("election"), attrs.get("rules")) if line]
    lines.append(
        f"median seats (90 % interval) by snapshot; {int(dataset['draws'][-1]):,} draws each, "
        f"seed {attrs.get('seed')}"
    )
    lines.append("")
    lines += table_lines(rows)
    return "\n".join(lines)
