"""Districts settled together in a run: the same seats as one at a time, ties included."""

import numpy as np
import pytest

from seatcast.engine.config.reader import load_config
from seatcast.engine.run.plan import build_plan
from tests.configs import write_file

# North: D'Hondt's second seat is tied between A (600 / 2) and B (300 / 1),
# which the batch cannot settle; South settles (A 90, B 60: one seat each).
VOTES = """district,seats,party,votes
North,2,A,600
North,2,B,300
North,2,C,0
South,2,A,90
South,2,B,60
South,2,C,30
"""

CONFIG = """[election]
name = "Ties"

[rules]
method = "{method}"
threshold = 0.0

[districts]
file = "districts.csv"

[model]
kind = "logit-normal"
sd = 0.0
"""


@pytest.mark.parametrize(
    ("method", "north", "south"),
    [
        # The tie goes to the list listed first, as allocating North alone gives it.
        ("dhondt", [2, 0, 0], [1, 1, 0]),
        # Sainte-Laguë (divisors 1, 3, 5): 600 and 300 take North, 90 and 60 South.
        ("sainte-lague", [1, 1, 0], [1, 1, 0]),
        # A quota method is never settled together.
        ("hare", [1, 1, 0], [1, 1, 0]),
    ],
)
def test_settled_and_unsettled_districts_add_up_to_the_seats_of_each(
    tmp_path, method, north, south
):
    write_file(tmp_path / "districts.csv", VOTES)
    path = write_file(tmp_path / "ties.toml", CONFIG.format(method=method))
    plan = build_plan(load_config(path))
    n_draws = 40
    tallies = plan.run_chunk(3, 0, chunk_size=n_draws, n_draws=n_draws)
    assert tallies.status_count[0, 0, 0] == n_draws
    sums = tallies.district_seat_sum[0, 0]
    assert sums.tolist() == [[n_draws * s for s in north], [n_draws * s for s in south]]
    national = np.add(north, south)
    for party, seats in enumerate(national):
        assert tallies.seat_count[0, 0, party, seats] == n_draws
