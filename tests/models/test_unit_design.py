"""The units' covariates: offsets by name and by hint, units without a past, sizes, mistakes."""

import numpy as np
import pytest

from seatcast.engine.errors import ConfigError
from seatcast.models.previous import PreviousResult
from seatcast.models.unit_design import build_design, unit_size
from seatcast.models.units import Units

COMPONENTS = ("PiS", "KO", "TD", "Blank")
PREVIOUS_PARTIES = ("PiS", "KO", "PSL", "P2050")
# Previous votes of units a, b, c, in the order of PREVIOUS_PARTIES.
PREVIOUS_VOTES = [[500, 300, 100, 100], [200, 600, 150, 50], [450, 450, 50, 50]]


def make_units(ids=("a", "b", "c"), registered=(2000, 3000, 2500), precincts=None, **columns):
    """Units built in memory; NaN for a size given as None."""
    n = len(ids)
    precincts = precincts or [2] * n
    return Units(
        ids=tuple(ids),
        precincts_total=np.array([np.nan if p is None else p for p in precincts], dtype=float),
        registered=np.array([np.nan if r is None else r for r in registered], dtype=float),
        districts=columns.get("districts"),
        kinds=tuple(columns.get("kinds", [""] * n)),
        source="units.csv",
    )


def make_previous(regions=("a", "b", "c"), votes=PREVIOUS_VOTES, parties=PREVIOUS_PARTIES):
    """A previous result built in memory, ballots the sum of the votes."""
    votes = np.array(votes, dtype=float)
    return PreviousResult(
        regions=tuple(regions),
        parties=tuple(parties),
        votes=votes,
        ballots=votes.sum(axis=1),
        registered=np.full(len(regions), np.nan),
        source="previous.csv",
    )


def shares(votes):
    votes = np.array(votes, dtype=float)
    return votes / votes.sum(axis=1, keepdims=True)


def column(design, name):
    """A design column by name."""
    return design.matrix[:, design.columns.index(name)]


def test_a_party_of_the_same_name_continues_a_previous_one():
    design = build_design(make_units(), COMPONENTS, make_previous())
    previous = shares(PREVIOUS_VOTES)
    np.testing.assert_allclose(design.share_offset[:, 0], previous[:, 0])
    np.testing.assert_allclose(design.share_offset[:, 1], previous[:, 1])
    np.testing.assert_array_equal(design.share_offset[:, 2:], 0.0)  # TD and Blank are new


def test_hints_name_the_previous_parties_a_party_continues():
    hints = {"TD": ["PSL", "P2050"], "KO": []}
    design = build_design(make_units(), COMPONENTS, make_previous(), hints)
    previous = shares(PREVIOUS_VOTES)
    np.testing.assert_allclose(design.share_offset[:, 0], previous[:, 0])
    np.testing.assert_array_equal(design.share_offset[:, 1], 0.0)  # a hint replaces the name
    np.testing.assert_allclose(design.share_offset[:, 2], previous[:, 2] + previous[:, 3])


@pytest.mark.parametrize(
    ("hints", "message"),
    [
        ({"TDD": ["PSL"]}, r"nowcast\.previous_parties: 'TDD' is not a party; did you mean 'TD'\?"),
        (
            {"TD": ["PSLL"]},
            r"nowcast\.previous_parties\.TD: 'PSLL' is not a party of previous\.csv; "
            r"did you mean 'PSL'\?",
        ),
    ],
    ids=["this election's", "previous"],
)
def test_an_unknown_hint_party_is_named(hints, message):
    with pytest.raises(ConfigError, match=message):
        build_design(make_units(), COMPONENTS, make_previous(), hints)


def test_hints_need_a_previous_result():
    with pytest.raises(ConfigError, match=r"needs nowcast\.previous"):
        build_design(make_units(), COMPONENTS, None, {"TD": ["PSL"]})


def test_a_unit_without_a_previous_row_gets_the_previous_national_shares():
    units = make_units(ids=("a", "b", "c", "abroad"), registered=(2000, 3000, 2500, 500))
    design = build_design(units, COMPONENTS, make_previous())
    national = np.sum(PREVIOUS_VOTES, axis=0) / np.sum(PREVIOUS_VOTES)
    np.testing.assert_array_equal(design.has_previous, [True, True, True, False])
    np.testing.assert_allclose(design.share_offset[3, :2], national[:2])
    np.testing.assert_allclose(design.share_offset[:3, :2], shares(PREVIOUS_VOTES)[:, :2])
    flag = column(design, "no previous")
    assert flag[3] > 0 and (flag[:3] < 0).all() and np.ptp(flag[:3]) == 0
    assert np.isfinite(design.turnout_offset).all()
    low, high = np.sort(design.turnout_offset[:3])[[0, -1]]
    assert low <= design.turnout_offset[3] <= high


def test_units_all_with_a_previous_row_have_no_flag_column():
    design = build_design(make_units(), COMPONENTS, make_previous())
    assert "no previous" not in design.columns
    assert design.has_previous.all()


def test_columns_are_the_intercept_then_standardised_covariates():
    units = make_units(
        ids=("a", "b", "c", "d"),
        registered=(2000, 3000, 2500, 900),
        kinds=("city", "rural", "rural", "city"),
        districts=("East", "East", "East", "East"),
    )
    previous = make_previous(("a", "b", "c", "d"), [*PREVIOUS_VOTES, [100, 100, 100, 100]])
    design = build_design(units, COMPONENTS, previous)
    assert design.columns[0] == "intercept"
    np.testing.assert_array_equal(design.matrix[:, 0], 1.0)
    assert {"kind city", "kind rural", "log size", "previous turnout"} <= set(design.columns)
    assert not any(name.startswith("district") for name in design.columns)  # one level
    np.testing.assert_allclose(design.matrix[:, 1:].mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(design.matrix[:, 1:].std(axis=0), 1.0)
    assert design.matrix.shape == (4, len(design.columns))


def test_the_size_of_a_unit_is_its_registered_voters_or_its_precincts():
    units = make_units(
        ids=("a", "b", "c", "d"),
        registered=(2000, 3000, 9000, None),
        precincts=(2, 2, 3, 4),
    )
    # Registered voters per precinct: 1000, 1500 and 3000; the median is 1500.
    np.testing.assert_array_equal(unit_size(units), [2000, 3000, 9000, 6000])


def test_without_registered_voters_the_size_is_the_precincts():
    units = make_units(registered=(None, None, None), precincts=(2, 5, 1))
    np.testing.assert_array_equal(unit_size(units), [2, 5, 1])


def test_a_unit_that_cannot_be_sized_is_named():
    units = make_units(registered=(2000, None, None), precincts=(None, 5, None))
    with pytest.raises(ConfigError, match=r"unit 'b' has no registered voters"):
        unit_size(units)


def test_a_previous_result_of_other_regions_is_refused():
    previous = make_previous(regions=("x", "y", "z"))
    with pytest.raises(ConfigError, match=r"previous\.csv: no unit .* are the region ids"):
        build_design(make_units(), COMPONENTS, previous)


def test_a_previous_result_with_no_ballots_is_refused():
    previous = make_previous()
    previous = type(previous)(
        regions=previous.regions,
        parties=previous.parties,
        votes=previous.votes,
        ballots=np.zeros(len(previous.regions)),
        registered=previous.registered,
        source=previous.source,
    )
    with pytest.raises(ConfigError, match="no unit of the night has previous ballots above zero"):
        build_design(make_units(), COMPONENTS, previous)
