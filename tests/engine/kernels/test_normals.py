"""Block normals: the distribution (tests that can fail at a stated level), reproducibility."""

import numpy as np
import pytest
from numba import njit
from scipy import stats

from seatcast.engine.kernels.normals import (
    LANES,
    PASS_SIZE,
    TAIL_START,
    _settle,
    fill_normals,
    new_stream,
)

#: Level of every statistical test here: each fails by chance once in 1,000 runs.
ALPHA = 1e-3


@njit
def normals(rng, sizes):
    """One stream from ``rng``, filled in calls of each size in turn, concatenated."""
    stream = new_stream(rng)
    words = np.empty(PASS_SIZE, dtype=np.uint64)
    out = np.empty(sizes.sum())
    first = 0
    for size in sizes:
        fill_normals(stream, words, out[first : first + size])
        first += size
    return out


@njit
def settled(rng, n, layer):
    """``n`` candidates of ``layer`` at its right edge (no rectangle keeps them), finished.

    ``layer`` 0 is the base strip, whose edge is beyond the tail's start; at
    another layer's edge the wedge test keeps almost none, and the ziggurat
    starts over.
    """
    stream = new_stream(rng)
    out = np.empty(n)
    for i in range(n):
        sign = np.uint64(rng.integers(0, 2)) << np.uint64(8)
        word = np.uint64(0xFFFFFFFFFFFFF000) | sign | np.uint64(layer)
        out[i] = _settle(stream, word)
    return out


@pytest.fixture(scope="module")
def many():
    """Four million normals, filled as a model fills a district's block (832 at a time)."""
    return normals(np.random.default_rng(2026), np.full(4_808, 832))


def test_the_normals_pass_kolmogorov_smirnov(many):
    assert stats.kstest(many, "norm").pvalue > ALPHA


def test_the_normals_fill_equiprobable_bins_evenly(many):
    bins = np.minimum((stats.norm.cdf(many) * 200).astype(np.int64), 199)
    assert stats.chisquare(np.bincount(bins, minlength=200)).pvalue > ALPHA


@pytest.mark.parametrize("beyond", [2.0, 3.0, TAIL_START, 4.0])
def test_the_tails_are_as_heavy_as_the_normal_s(many, beyond):
    """The tail beyond the ziggurat's last layer comes only from the slow path."""
    expected = 2 * stats.norm.sf(beyond)
    result = stats.binomtest(int((np.abs(many) > beyond).sum()), many.size, expected)
    assert result.pvalue > ALPHA


def test_moments(many):
    assert abs(many.mean()) < 4 / np.sqrt(many.size)
    assert abs(many.var() - 1.0) < 4 * np.sqrt(2 / many.size)


def test_the_tail_is_the_normal_beyond_the_last_layer():
    values = settled(np.random.default_rng(5), 100_000, 0)
    assert (np.abs(values) > TAIL_START).all()
    tail = stats.truncnorm(TAIL_START, np.inf)
    assert stats.kstest(np.abs(values), tail.cdf).pvalue > ALPHA
    assert stats.binomtest(int((values > 0).sum()), values.size).pvalue > ALPHA


def test_a_candidate_the_wedge_refuses_starts_over():
    values = settled(np.random.default_rng(6), 100_000, 200)
    assert stats.kstest(values, "norm").pvalue > ALPHA


def test_a_stream_is_reproducible_and_its_passes_follow_each_other():
    whole = normals(np.random.default_rng(1), np.array([3 * PASS_SIZE]))
    again = normals(np.random.default_rng(1), np.array([3 * PASS_SIZE]))
    in_passes = normals(np.random.default_rng(1), np.array([PASS_SIZE, 2 * PASS_SIZE]))
    np.testing.assert_array_equal(whole, again)
    np.testing.assert_array_equal(whole, in_passes)
    assert not np.array_equal(whole, normals(np.random.default_rng(2), np.array([3 * PASS_SIZE])))


def test_lanes_and_calls_give_distinct_values():
    values = normals(np.random.default_rng(3), np.array([LANES * 40, 7, 1]))
    assert np.unique(values).size == values.size
    assert np.isfinite(values).all()


def test_streams_seeded_one_after_another_differ():
    rng = np.random.default_rng(4)
    first, second = new_stream(rng), new_stream(rng)
    assert first.shape == (4, LANES + 1)
    assert (first != second).all()
