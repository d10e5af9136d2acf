"""What `seatcast allocate` prints: a table for people, a JSON record for scripts."""

from fractions import Fraction
from typing import TYPE_CHECKING

from seatcast.engine.report.table import table_lines
from seatcast.engine.rules.ballots import SHARES_CAVEAT
from seatcast.engine.rules.constituencies import second_tier
from seatcast.engine.rules.indices import effective_parties_exact, gallagher_exact
from seatcast.engine.rules.linkage import LINKAGES
from seatcast.engine.rules.methods import describe_method

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.engine.rules.allocation import Allocation
    from seatcast.engine.rules.linkage import ChamberSeats


def allocation_record(config: "Config", allocation: "Allocation") -> dict[str, object]:
    """The allocation as a JSON-ready dict.

    Parameters
    ----------
    config : Config
    allocation : Allocation

    Returns
    -------
    dict of str to object
        ``seats`` and ``votes`` keyed by party in input order, ``eligible``,
        ``ties``, ``method``, ``threshold`` (float) with its exact text, base
        and strictness, and ``notes``; with districts also ``district_seats``
        ``{district: {party: seats}}`` and ``district_threshold``.
    """
    system, ballots = config.system, config.ballots
    base = system.threshold.base_total(ballots)
    threshold = system.threshold
    return {
        "election": config.election.name or None,
        "n_seats": system.n_seats,
        "method": system.method.name,
        "first_divisor": _first_divisor(system.method),
        "threshold": float(threshold.fraction),
        "threshold_exact": str(threshold.fraction),
        "threshold_base": threshold.base,
        "threshold_strict": threshold.strict,
        "threshold_by_type": {k: float(v) for k, v in threshold.by_type.items()},
        "threshold_by_party": {k: float(v) for k, v in threshold.by_party.items()},
        "exempt": sorted(threshold.exempt),
        "alternative_seats": threshold.alternative or None,
        "seats_elsewhere": dict(threshold.elsewhere) if threshold.alternative else {},
        "seats": allocation.seats_by_party(),
        "eligible": [p for p, ok in zip(ballots.parties, allocation.eligible, strict=True) if ok],
        "votes": dict(zip(ballots.parties, ballots.votes, strict=True)),
        "other_votes": dict(zip(ballots.others, ballots.other_votes, strict=True)),
        "shares": {
            party: float(Fraction(votes, base))
            for party, votes in zip(ballots.parties, ballots.votes, strict=True)
        },
        "votes_unit": "share units" if ballots.from_shares else "votes",
        "ties": [tie.as_dict() for tie in allocation.ties],
        "effective_parties": float(effective_parties_exact(allocation.seats)),
        "gallagher": gallagher_exact([*ballots.votes, *ballots.other_votes], allocation.seats),
        "notes": [SHARES_CAVEAT] if ballots.from_shares else [],
    } | _district_record(system, allocation)


def _district_record(system, allocation):
    if allocation.district_seats is None:
        return {}
    return {
        "district_threshold": float(system.districts.threshold),
        "district_seats": allocation.district_seats.by_district(allocation.parties),
    }


def _first_divisor(method):
    first = getattr(method, "first_divisor", None)
    return None if first is None else float(first)


def format_allocation(
    config: "Config", allocation: "Allocation", *, seats_label: str = "seats"
) -> str:
    """The allocation as an aligned text table with a header and notes.

    ``seats_label`` heads the seats column (``"entitled"`` for an
    entitlement that the chamber's linkage turns into seats).
    """
    system, ballots = config.system, config.ballots
    base = system.threshold.base_total(ballots)
    unit = "units" if ballots.from_shares else "votes"
    rows = [("party", unit, "share", "passes", seats_label)]
    for party, votes, ok, seats in zip(
        ballots.parties, ballots.votes, allocation.eligible, allocation.seats, strict=True
    ):
        rows.append((party, f"{votes:,}", _percent(votes, base), "yes" if ok else "no", str(seats)))
    for other, votes in zip(ballots.others, ballots.other_votes, strict=True):
        rows.append((f"{other} (no seats)", f"{votes:,}", _percent(votes, base), "-", "-"))
    total = ballots.all_total if system.threshold.base == "all" else ballots.party_total
    rows.append(("total", f"{total:,}", _percent(total, base), "", str(sum(allocation.seats))))
    widths = [max(len(row[col]) for row in rows) for col in range(5)]
    lines = []
    if config.election.name:
        lines.append(config.election.name)
    lines.append(f"{system.describe_seats()}, {describe_method(system.method)}")
    lines.append(f"threshold {system.threshold.describe()}")
    lines.append("")
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [row[c].rjust(widths[c]) for c in range(1, 5)]
        if index == len(rows) - 1:
            lines.append("-" * len("  ".join(cells)))
        lines.append("  ".join(cells).rstrip())
    effective = float(effective_parties_exact(allocation.seats))
    gallagher = gallagher_exact([*ballots.votes, *ballots.other_votes], allocation.seats)
    lines.append(
        f"effective number of parties (by seats) {effective:.2f}; "
        f"Gallagher index {gallagher:.2f} points"
    )
    for tie in allocation.ties:
        verb = "won" if tie.stage == "award" else "lost"
        lines.append(
            f"tie: {', '.join(tie.parties)} tied; {', '.join(tie.chosen)} {verb} "
            f"{tie.seats} seat(s) by {tie.policy}"
        )
    if ballots.from_shares:
        lines.append(f"note: {SHARES_CAVEAT}")
    if allocation.district_seats is not None:
        lines += ["", *format_district_seats(allocation)]
    return "\n".join(lines)


def format_district_seats(allocation: "Allocation") -> list[str]:
    """Lines of a table of seats by district, for the parties that won any."""
    winners = [i for i, seats in enumerate(allocation.seats) if seats]
    names = allocation.district_seats.names
    header = ["district", "seats", *(allocation.parties[i] for i in winners)]
    rows = [
        [name, str(sum(row)), *(str(row[i]) for i in winners)]
        for name, row in zip(names, allocation.district_seats.seats, strict=True)
    ]
    widths = [max(len(row[c]) for row in (header, *rows)) for c in range(len(header))]
    return [
        "  ".join(
            [
                row[0].ljust(widths[0]),
                *(v.rjust(w) for v, w in zip(row[1:], widths[1:], strict=True)),
            ]
        )
        for row in (header, *rows)
    ]


def _percent(votes, base):
    return f"{100 * votes / base:.2f} %" if base else "-"


def chamber_record(config: "Config", chamber_seats: "ChamberSeats") -> dict[str, object]:
    """The whole chamber of an allocation with tiers, as a JSON-ready dict.

    Returns
    -------
    dict of str to object
        ``linkage``, ``size``, ``overhang``, ``majority`` (of the chamber as
        it is, overhang included), ``tiers`` (the list tier's name, then the
        held tier's) and ``seats`` ``{name: {tier: seats, "total": seats}}``, and
        ``unseated``: constituencies won but not taken up, by name.
    """
    chamber = config.chamber
    grown = chamber.resized(chamber_seats.size - chamber.seats)
    held_tier = second_tier(chamber, config.constituencies)
    return {
        "linkage": chamber.linkage,
        "size": chamber_seats.size,
        "overhang": chamber_seats.overhang,
        "majority": grown.majority,
        "supermajority": grown.supermajority,
        "tiers": [chamber.tier, held_tier],
        "seats": {
            name: {chamber.tier: listed, held_tier: held, "total": total}
            for name, listed, held, total in zip(
                chamber_seats.names,
                chamber_seats.list_seats,
                chamber_seats.constituency_seats,
                chamber_seats.total,
                strict=True,
            )
        },
        "unseated": {
            name: count
            for name, count in zip(chamber_seats.names, chamber_seats.unseated, strict=True)
            if count
        },
    }


def format_chamber(config: "Config", chamber_seats: "ChamberSeats") -> str:
    """The whole chamber by tier, as an aligned text table, for the names that hold seats."""
    record = chamber_record(config, chamber_seats)
    tier, held_tier = record["tiers"]
    overhang = f", {record['overhang']} of them overhang" if record["overhang"] else ""
    unseated = sum(record["unseated"].values())
    if unseated:
        overhang += f"; {unseated} constituency winners not seated"
    lines = [
        f"chamber: {record['size']} seats{overhang} ({LINKAGES[record['linkage']].description}); "
        f"majority {record['majority']}, supermajority {record['supermajority']}"
    ]
    rows = [("name", tier, held_tier, "total")]
    for name, seats in record["seats"].items():
        if seats["total"]:
            rows.append((name, str(seats[tier]), str(seats[held_tier]), str(seats["total"])))
    rows.append(
        (
            "total",
            str(sum(chamber_seats.list_seats)),
            str(sum(chamber_seats.constituency_seats)),
            str(chamber_seats.size),
        )
    )
    return "\n".join([*lines, *table_lines(rows)])
