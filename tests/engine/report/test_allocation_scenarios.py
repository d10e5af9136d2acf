"""``seatcast allocate`` of a scenario batch: each scenario as if allocated alone."""

import json

from seatcast.engine.cli.main import main
from seatcast.engine.report.allocation_scenarios import format_allocation_scenarios
from seatcast.engine.run.exact import allocate_scenarios
from tests.configs import KAZAKHSTAN
from tests.engine.config.test_scenarios import SCENARIOS, with_scenarios


def allocate_json(capsys, *args):
    assert main(["allocate", *map(str, args), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_scenario_is_allocated_as_its_rules_alone(capsys):
    batch = allocate_json(capsys, SCENARIOS)["scenarios"]
    by_name = {record["scenario"]: record for record in batch}
    for name, flags in (
        ("official rules", []),
        ("7 % threshold", ["--threshold", "0.07"]),
        ("3 % threshold", ["--threshold", "0.03"]),
        ("D'Hondt", ["--method", "dhondt"]),
    ):
        alone = allocate_json(capsys, KAZAKHSTAN, *flags)
        assert {"scenario": name, **alone} == by_name[name], name
    assert by_name["7 % threshold"]["seats"] == {
        "Amanat": 46,
        "Auyl": 9,
        "Respublica": 7,
        "Ak Zhol": 7,
        "People's Party of Kazakhstan": 0,
        "JSDP": 0,
        "Baytaq": 0,
    }
    assert by_name["Amanat -500,000 votes"]["votes"]["Amanat"] == 3_431_510 - 500_000


def test_a_scenario_the_rules_cannot_allocate_is_a_row_with_its_reason():
    config = with_scenarios({"name": "official"}, {"name": "60 %", "rules": {"threshold": 0.6}})
    results = allocate_scenarios(config)
    assert results[0].allocation.seats == (40, 8, 6, 6, 5, 4, 0)
    assert results[1].allocation is None
    text = format_allocation_scenarios(config, results)
    assert "60 %  " in text and "–" in text
    assert "60 %: no party" in text


def test_a_swept_batch_prints_each_scenarios_sweep(capsys):
    assert main(["allocate", str(SCENARIOS), "--threshold", "0.05:0.07:0.01"]) == 0
    text = capsys.readouterr().out
    assert text.count("sweep: threshold 0.05, 0.06, 0.07") == 6
    assert 'scenario "D\'Hondt":' in text
