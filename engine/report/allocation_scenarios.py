"""What `seatcast allocate` prints for a scenario batch: each scenario's exact seats."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from seatcast.engine.report.allocation import allocation_record
from seatcast.engine.report.allocation_sweep import allocation_sweep_record, format_allocation_sweep
from seatcast.engine.report.table import table_lines
from seatcast.engine.rules.indices import effective_parties_exact, gallagher_exact

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.engine.run.exact import ScenarioAllocation


def allocation_scenarios_record(
    config: "Config", results: Sequence["ScenarioAllocation"]
) -> dict[str, object]:
    """The batch as a JSON-ready dict: one record per scenario, as for a single config."""
    records = []
    for result in results:
        if result.points is not None:
            record = allocation_sweep_record(result.config, result.points)
        elif result.allocation is None:
            record = {
                "rules": result.config.system.describe(),
                "seats": None,
                "error": result.error,
            }
        else:
            record = allocation_record(result.config, result.allocation)
        records.append({"scenario": result.name, **record})
    return {"election": config.election.name or None, "scenarios": records}


def format_allocation_scenarios(config: "Config", results: Sequence["ScenarioAllocation"]) -> str:
    """The batch as text: a row per scenario, or each scenario's sweep table."""
    if any(result.points is not None for result in results):
        blocks = [
            f"scenario {result.name!r}:\n{format_allocation_sweep(result.config, result.points)}"
            for result in results
        ]
        return "\n\n".join(blocks)
    parties = list(config.ballots.parties)
    rows, notes = [["scenario", *parties, "ENP", "Gallagher"]], []
    for result in results:
        allocation = result.allocation
        if allocation is None:
            rows.append([result.name, *["–"] * (len(parties) + 2)])
            notes.append(f"{result.name}: {result.error}")
            continue
        ballots = result.config.ballots
        votes = [*ballots.votes, *ballots.other_votes]
        rows.append(
            [
                result.name,
                *(str(seats) for seats in allocation.seats),
                f"{float(effective_parties_exact(allocation.seats)):.2f}",
                f"{gallagher_exact(votes, allocation.seats):.2f}",
            ]
        )
        notes += [
            f"{result.name}: tie between {', '.join(tie.parties)} settled by {tie.policy}"
            for tie in allocation.ties
        ]
    lines = [config.election.name] if config.election.name else []
    lines += [f"{len(results)} scenarios, each allocated exactly from its own counts", ""]
    lines += table_lines(rows)
    if notes:
        lines += ["", *notes]
    lines += ["", "scenarios:"]
    lines += [f"  {result.name}: {result.config.system.describe()}" for result in results]
    lines += [
        "",
        "ENP: effective number of parties by seats; "
        "Gallagher: least-squares index, percentage points",
    ]
    return "\n".join(lines)
