"""The summary and figure of a run of a whole chamber: tiers, the chamber's size, overhang."""

import matplotlib.image

from seatcast.engine import simulate
from seatcast.engine.report.seats import format_run, plot_run
from tests.configs import CONFIGS, config_with

NEW_ZEALAND = CONFIGS / "new-zealand-2020.toml"


def test_a_run_of_linked_tiers_reports_tiers_size_and_overhang(tmp_path):
    config = config_with(NEW_ZEALAND, model={"kind": "logit-normal", "sd": 0.15})
    result = simulate(config, n_draws=20_000, seed=8, threads=2)
    text = format_run(result)
    assert "seats in the whole chamber: list + electorate, linkage mmp; 72 constituencies" in text
    overhang = float(result["overhang_probability"])
    assert 0 < overhang < 1
    assert f"P(overhang) {overhang:.1%}".replace("%", " %") in text
    assert "list: median (90 %)" in text and "electorate: median (90 %)" in text
    labour = next(line for line in text.splitlines()[-25:] if line.startswith("Labour Party"))
    listed = result["tier_seat_count"].sel(tier="list", party="Labour Party")
    median = int((listed.cumsum("seats") >= 10_000).argmax("seats"))
    assert labour.split()[2] == str(median)
    path = tmp_path / "nz.png"
    plot_run(result, path)
    height, width, _ = matplotlib.image.imread(path).shape
    assert height > 1000 and width > 1000  # 18 names and the chamber's size: five rows of four
