"""What `seatcast allocate` prints for a sweep: the exact seats at every point, as text or JSON."""

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from seatcast.engine.parsing import format_fraction
from seatcast.engine.report.table import table_lines
from seatcast.engine.rules.indices import effective_parties_exact, gallagher_exact

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.engine.run.exact import SweepPoint


def allocation_sweep_record(config: "Config", points: Sequence["SweepPoint"]) -> dict[str, object]:
    """The sweep as a JSON-ready dict: one entry per point, seats keyed by party."""
    ballots = config.ballots
    votes = [*ballots.votes, *ballots.other_votes]
    entries = []
    for point in points:
        entry = {
            "threshold": float(point.threshold),
            "threshold_exact": str(point.threshold),
            "method": point.method.name,
            "n_seats": point.n_seats,
        }
        allocation = point.allocation
        if allocation is None:
            entry.update(seats=None, error=point.error)
        else:
            entry.update(
                seats=allocation.seats_by_party(),
                eligible=[
                    party
                    for party, ok in zip(ballots.parties, allocation.eligible, strict=True)
                    if ok
                ],
                effective_parties=float(effective_parties_exact(allocation.seats)),
                gallagher=gallagher_exact(votes, allocation.seats),
                ties=[tie.as_dict() for tie in allocation.ties],
            )
        entries.append(entry)
    return {
        "election": config.election.name or None,
        "rules": config.system.describe(),
        "sweep": config.sweep.describe(),
        "points": entries,
    }


def format_allocation_sweep(config: "Config", points: Sequence["SweepPoint"]) -> str:
    """The sweep as a text table: one row per point, seats per party, both indices."""
    ballots = config.ballots
    votes = [*ballots.votes, *ballots.other_votes]
    dims = config.sweep.dims
    header = [
        *(label for dim, label in _LABELS.items() if dim in dims),
        *ballots.parties,
        "ENP",
        "Gallagher",
    ]
    rows, notes = [header], []
    for point in points:
        cells = []
        if "threshold" in dims:
            cells.append(format_percent(point.threshold))
        if "allocation" in dims:
            cells.append(point.method.name)
        if "n_seats" in dims:
            cells.append(str(point.n_seats))
        allocation = point.allocation
        if allocation is None:
            cells += ["–"] * (len(ballots.parties) + 2)
            notes.append(f"{' '.join(cells[: len(dims)])}: {point.error}")
        else:
            cells += [str(seats) for seats in allocation.seats]
            cells.append(f"{float(effective_parties_exact(allocation.seats)):.2f}")
            cells.append(f"{gallagher_exact(votes, allocation.seats):.2f}")
            notes += [
                f"{' '.join(cells[: len(dims)])}: tie between {', '.join(tie.parties)} "
                f"settled by {tie.policy}"
                for tie in allocation.ties
            ]
        rows.append(cells)
    lines = [config.election.name] if config.election.name else []
    lines.append(f"rules: {config.system.describe()}")
    lines.append(f"sweep: {config.sweep.describe()}")
    lines.append("")
    lines += table_lines(rows)
    if notes:
        lines.append("")
        lines += notes
    lines.append("")
    lines.append(
        "ENP: effective number of parties by seats; "
        "Gallagher: least-squares index, percentage points"
    )
    return "\n".join(lines)


_LABELS = {"threshold": "threshold", "allocation": "method", "n_seats": "seats"}


def format_percent(fraction: Fraction) -> str:
    """A threshold as a percentage, exactly as written: ``3.25 %``."""
    return f"{format_fraction(fraction * 100)} %"
