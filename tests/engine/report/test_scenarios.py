"""The summary of a scenario batch, on the command line and from a result file."""

import re

from seatcast.engine.cli.main import main
from seatcast.engine.report.kinds import format_result, result_kind
from seatcast.engine.report.scenarios import MAX_ROWS, format_scenarios
from seatcast.engine.report.table import format_probability
from seatcast.engine.run.simulate import simulate
from tests.engine.config.test_scenarios import SCENARIOS, with_scenarios

RUN = ["--draws", "20000", "--chunk-size", "5000", "--seed", "3"]


def test_run_prints_a_row_per_scenario_and_report_plots_them(tmp_path, capsys):
    out, png = tmp_path / "batch.nc", tmp_path / "batch.png"
    assert main(["run", str(SCENARIOS), *RUN, "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "6 scenarios on the same 20,000 draws, seed 3" in text
    table = text.split("median seats (90 % interval):")[1].split("P(clears")[0]
    assert table.count("\n7 % threshold") == 1 and table.count("\nD'Hondt") == 1
    assert "  7 % threshold: 69 seats, hare" in text
    assert "threshold >= 0.07 of all valid ballots; model: logit-normal, sd 0.05" in text
    assert main(["report", str(out), "--plot", str(png)]) == 0
    reported = capsys.readouterr().out
    assert reported.split("\nwrote")[0].strip() == text.split("\nwrote")[0].strip()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_summary_reads_each_scenario_at_its_rules():
    config = with_scenarios(
        {"name": "5 %"},
        {"name": "7 %", "rules": {"threshold": 0.07}},
        sweep={"threshold": "0.03:0.08:0.01"},
    )
    result = simulate(config, n_draws=4_000, seed=1, chunk_size=2_000, threads=1)
    assert result_kind(result) == "scenarios"
    text = format_result(result)
    assert "sweep: threshold" in text and "shown at each scenario's rules" in text
    assert "(shown at threshold 5 %)" in text and "(shown at threshold 7 %)" in text
    rows = text.split("P(clears the threshold):")[1].split("\n\n")[0].strip().splitlines()
    cells = {row[0]: row[1:] for row in (re.split(r"\s{2,}", line) for line in rows)}
    jsdp = list(result["party"].values).index("JSDP")
    for name, threshold in (("5 %", 0.05), ("7 %", 0.07)):
        point = result.sel(scenario=name, threshold=threshold, party="JSDP")
        assert cells[name][jsdp] == format_probability(float(point["pass_probability"]))
    assert (
        cells["7 %"][jsdp] == "0 %" and cells["5 %"][jsdp] != "0 %"
    )  # JSDP has 5.2 % of the ballots


def test_a_long_batch_shows_a_spread_of_its_scenarios():
    scenarios = [{"name": f"sd {k}", "model": {"sd": 0.01 * k}} for k in range(1, MAX_ROWS + 6)]
    result = simulate(with_scenarios(*scenarios), n_draws=500, seed=1, chunk_size=500, threads=1)
    text = format_scenarios(result)
    assert f"{MAX_ROWS} of {MAX_ROWS + 5} scenarios shown; the file holds them all" in text
    table = text.split("median seats (90 % interval):")[1].split("\n\n")[0]
    assert len(table.strip().splitlines()) == 2 + MAX_ROWS
    assert "\nsd 1 " in table and f"\nsd {MAX_ROWS + 5} " in table
