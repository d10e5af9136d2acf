"""Deterministic scenario batches: each scenario's counts allocated exactly under its rules."""

from dataclasses import dataclass

from seatcast.engine.errors import AllocationError
from seatcast.engine.report.allocation import allocation_record
from seatcast.engine.report.allocation_sweep import allocate_sweep, format_sweep, sweep_record
from seatcast.engine.report.table import table_lines
from seatcast.engine.rules.indices import effective_parties_exact, gallagher_exact


@dataclass(frozen=True)
class ScenarioAllocation:
    """One scenario's exact allocation, its sweep's points, or why it has none.

    Parameters
    ----------
    name : str
    config : Config
        The scenario's config.
    allocation : Allocation or None
    points : list of SweepPoint or None
        With a sweep: one per point, instead of ``allocation``.
    error : str
        Why the rules cannot allocate these counts, when they cannot.
    """

    name: str
    config: object
    allocation: object = None
    points: list | None = None
    error: str = ""


def allocate_scenarios(config):
    """Allocate every scenario of a batch exactly; a failure is kept, not raised.

    Parameters
    ----------
    config : Config
        With ``[[scenarios]]``.

    Returns
    -------
    list of ScenarioAllocation
    """
    results = []
    for scenario in config.scenarios:
        name, each = scenario.name, scenario.config
        if each.sweep.dims:
            results.append(ScenarioAllocation(name, each, points=allocate_sweep(each)))
            continue
        try:
            allocation = each.system.allocate(each.ballots)
        except AllocationError as error:
            results.append(ScenarioAllocation(name, each, error=str(error)))
        else:
            results.append(ScenarioAllocation(name, each, allocation))
    return results


def scenarios_record(config, results):
    """The batch as a JSON-ready dict: one record per scenario, as for a single config."""
    records = []
    for result in results:
        if result.points is not None:
            record = sweep_record(result.config, result.points)
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


def format_scenarios(config, results):
    """The batch as text: a row per scenario, or each scenario's sweep table."""
    if any(result.points is not None for result in results):
        blocks = [
            f"scenario {result.name!r}:\n{format_sweep(result.config, result.points)}"
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
