"""Poland 2023 replayed from real gmina results in four count orders: the intervals hold.

Five replicates of each order, judged at 10, 25, 50, 75 and 90 % counted,
on the seven lists with at least 1 % of the votes.
The full tables: ``python -m tests.real.real_replays``.
"""

import numpy as np
import pytest

from tests.real.real_replays import Night, replay_orders

#: Official 2023 seats (PiS, KO, TD, Lewica, Konfederacja; the rest none).
OFFICIAL = [194, 157, 65, 26, 18, 0, 0, 0, 0, 0, 0, 0]


@pytest.fixture(scope="module")
def night():
    return Night.load()


@pytest.fixture(scope="module")
def tables(night):
    return replay_orders(night, 5)


def test_the_whole_count_gives_the_official_seats(night):
    assert night.truth.tolist() == OFFICIAL
    assert night.judged.sum() == 7  # BS and PJJ won no seats with 1.9 and 1.6 %


@pytest.mark.parametrize(
    "order", ["random", "small-first", "cities-abroad-last", "district-by-district"]
)
def test_90_percent_intervals_cover_the_final_seats_in_every_order(tables, order):
    table = tables[order]
    assert len(table.covered[0.1]) == 5 * 7
    assert table.coverage() >= 0.88


@pytest.mark.parametrize(
    "order", ["random", "small-first", "cities-abroad-last", "district-by-district"]
)
def test_no_snapshot_is_sure_of_a_wrong_seat_count(tables, order):
    assert tables[order].wrong_and_sure == []


def test_intervals_narrow_as_the_count_goes_on(tables):
    for table in tables.values():
        widths = [table.mean_width(f) for f in sorted(table.width)]
        assert widths[0] > widths[-1]
        assert np.all(np.array(widths) > 0)
