"""Election-night results: one snapshot, or a replay of many, as text and as a figure.

The figure of a replay shows every party's chance to clear the threshold over
the night in one panel, then one panel per party with its seat range, against
the share counted.
"""

import math
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from seatcast.engine.report.figures import party_colours, party_panels, save_png
from seatcast.engine.report.seats import format_run
from seatcast.engine.report.table import format_probability, table_lines

if TYPE_CHECKING:
    import xarray as xr

#: Warnings a summary lists before it only counts the rest.
SHOWN_WARNINGS = 10


def format_nowcast(dataset: "xr.Dataset") -> str:
    """Seat summary and projected shares of one snapshot's result.

    Parameters
    ----------
    dataset : xarray.Dataset
        Output of :func:`seatcast.engine.run.election_night.nowcast`.

    Returns
    -------
    str
    """
    attrs = dataset.attrs
    when = f" at {attrs['time']}" if attrs.get("time") else ""
    lines = [
        f"snapshot {attrs['snapshot']}{when}: {100 * attrs['counted_fraction']:.1f} % counted"
        + _turnout_clause(attrs.get("projected_turnout")),
    ]
    if "kind_counted_fraction" in dataset:
        lines.append(f"counted by kind: {_by_kind(dataset['kind_counted_fraction'])}")
    lines += ["", format_run(dataset), ""]
    quantile = dataset["share_quantile"]
    rows = [["projected share", "median", "90 % interval"]]
    for component in dataset["component"].values:
        low, median, high = (
            100 * float(quantile.sel(quantile=q, component=component)) for q in (0.05, 0.5, 0.95)
        )
        rows.append([str(component), f"{median:.2f} %", f"{low:.2f}–{high:.2f} %"])
    lines += table_lines(rows)
    lines += warning_lines(attrs.get("warnings"))
    return "\n".join(lines)


def format_replay(dataset: "xr.Dataset") -> str:
    """One row per snapshot: the share counted and each party's median seats and 90 % range.

    Parameters
    ----------
    dataset : xarray.Dataset
        Output of :func:`seatcast.engine.run.election_night.replay`, with a ``snapshot`` dim.

    Returns
    -------
    str
    """
    attrs = dataset.attrs
    parties = [str(party) for party in dataset["party"].values]
    quantile = dataset["seats_quantile"]
    timed = any(dataset["time"].values)
    turnout = "projected_turnout" in dataset.coords
    rows = [
        ["snapshot", *(["time"] if timed else []), "counted"]
        + (["turnout"] if turnout else [])
        + parties
    ]
    for label in dataset["snapshot"].values:
        here = quantile.sel(snapshot=label)
        row = [str(label), *([str(dataset["time"].sel(snapshot=label).values)] if timed else [])]
        row.append(_percent(dataset["counted_fraction"].sel(snapshot=label)))
        if turnout:
            row.append(_percent(dataset["projected_turnout"].sel(snapshot=label)))
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
    if "kind_counted_fraction" in dataset:
        lines += ["", *_kind_table(dataset)]
    lines += warning_lines(attrs.get("warnings"))
    return "\n".join(lines)


def warning_lines(warnings: str | None, shown: int = SHOWN_WARNINGS) -> list[str]:
    """The lines that end a summary with a result's warnings; none without any.

    Parameters
    ----------
    warnings : str or None
        The ``warnings`` attr: one warning a line.
    shown : int
        How many to list; the rest are counted.

    Returns
    -------
    list of str
    """
    listed = [line for line in (warnings or "").splitlines() if line.strip()]
    if not listed:
        return []
    lines = ["", f"warnings ({len(listed)}):"]
    lines += [f"  {line}" for line in listed[:shown]]
    if len(listed) > shown:
        lines.append(f"  … and {len(listed) - shown} more")
    return lines


def _kind_table(dataset):
    """Share counted of each kind of unit, one row per snapshot."""
    by_kind = dataset["kind_counted_fraction"]
    kinds = [str(kind) for kind in by_kind["kind"].values]
    rows = [["counted by kind", *kinds]]
    for label in dataset["snapshot"].values:
        here = by_kind.sel(snapshot=label)
        rows.append([str(label), *(_percent(here.sel(kind=kind)) for kind in kinds)])
    return table_lines(rows)


def _by_kind(by_kind):
    """``rural 99.9 %, city 48.0 %``: the share counted of each kind of unit."""
    return ", ".join(
        f"{kind} {_percent(share)}"
        for kind, share in zip(by_kind["kind"].values, by_kind.values, strict=True)
    )


def _turnout_clause(turnout):
    """``, projected turnout 74.4 %``, or nothing where the turnout is unknown."""
    if turnout is None or math.isnan(float(turnout)):
        return ""
    return f", projected turnout {_percent(turnout)}"


def _percent(fraction):
    """A fraction as ``48.0 %``; ``-`` where it is NaN."""
    value = float(fraction)
    return "-" if math.isnan(value) else f"{100 * value:.1f} %"


#: Line styles of the P(clears) panel, one round of colours each.
_STYLES = ("-", "--", ":", "-.")


def plot_replay(dataset: "xr.Dataset", path: str | Path) -> None:
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
