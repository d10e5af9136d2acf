"""Tallies into an xarray Dataset: counts, the summaries derived from them, provenance.

Counts are the canonical state: exact, and mergeable in any order (counts of
two runs with different seeds add up).  Everything else (probabilities,
means, quantiles, Monte Carlo standard errors) is derived from them by
:func:`summarise`, which can be run again on merged counts.
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import numpy as np
import xarray as xr

from seatcast.engine import __version__
from seatcast.engine.kernels.codes import FAILURES, NO_LIST_SEATS
from seatcast.engine.kernels.indices import GALLAGHER_RANGE, INDEX_BINS, INDEX_SCALE
from seatcast.engine.results.scenarios import PER_SCENARIO
from seatcast.engine.rules.ballots import Ballots
from seatcast.engine.rules.constituencies import second_tier
from seatcast.engine.rules.system import ElectionSystem
from seatcast.models.contract import Model

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.engine.run.chunk import Tallies
    from seatcast.engine.run.plan import Plan
    from seatcast.engine.run.runner import ChunkRange

#: Quantiles reported for seats.
QUANTILES = (0.05, 0.5, 0.95)

#: netCDF attrs hold int64 at most; larger seeds are written as text.
_INT64_MAX = 2**63 - 1


def tallies_dataset(
    tallies: "Tallies",
    plan: "Plan",
    *,
    config: "Config",
    system: ElectionSystem,
    model: Model,
    seed: int,
    chunk_size: int,
    chunks: "ChunkRange | None" = None,
    run_draws: int | None = None,
    backend: str = "threads",
) -> xr.Dataset:
    """The counts of a run as a Dataset with provenance.

    Parameters
    ----------
    tallies : Tallies
    plan : Plan
    config : Config
        Supplies the chamber, coalitions, election name and verbatim text.
    system : ElectionSystem
        The rules the run used (the config's, or a variant of them).
    model : Model
        The vote-share model (its ``describe()`` goes into the attrs).
    seed : int
    chunk_size : int
    chunks : ChunkRange, optional
        The chunks the tallies cover; all chunks of ``run_draws`` by default.
    run_draws : int, optional
        Draws of the whole run the chunks belong to; the tallies' draws by default.
    backend : str
        What ran the chunks (``threads`` or ``dask``).

    Returns
    -------
    xarray.Dataset
        Counts only; pass it to :func:`summarise` for the derived variables.
    """
    n_draws = int(tallies.status_count[0, 0].sum())
    run_draws = n_draws if run_draws is None else run_draws
    n_chunks = -(-run_draws // chunk_size)
    counts = _Counts(tallies, plan, config.chamber, n_draws)
    dataset = counts.dataset(config)
    if plan.indices:
        dataset = counts.add_indices(dataset)
    if plan.tier is not None:
        dataset = counts.add_linked_tiers(dataset, config)
    elif config.chamber.held:
        dataset = counts.add_tiers(dataset)
    if tallies.district_seat_sum.shape[2]:
        dataset = counts.add_districts(dataset, system.districts)
    dataset = dataset.assign_coords(_sweep_coords(plan.axes))
    if "n_seats" in plan.axes.dims:
        _add_chambers(dataset, plan.axes.chambers)
    if plan.share_bins:
        dataset = _add_shares(dataset, tallies.share_count, model.names, plan.share_bins)
    _describe_counts(dataset)
    dataset.attrs.update(
        _provenance(
            config,
            system,
            model,
            seed=seed,
            chunk_size=chunk_size,
            n_chunks=n_chunks,
            chunks=f"0:{n_chunks}" if chunks is None else str(chunks),
            run_draws=run_draws,
            backend=backend,
            n_draws=n_draws,
            indices=plan.indices,
        )
    )
    if plan.axes.dims:
        dataset.attrs["sweep"] = plan.axes.sweep.describe()
    return dataset


class _Counts:
    """The tallies of a run as DataArrays: swept dims named, outsiders and held seats added."""

    def __init__(self, tallies, plan, chamber, n_draws):
        self.tallies, self.plan, self.n_draws = tallies, plan, n_draws
        self.chamber = chamber
        if plan.tier is not None:  # the kernel counted the whole chamber, every name
            self.parties = list(plan.names)
            self.outsiders = plan.names[len(plan.parties) :]
            self.held = plan.tier.fixed
            self.chamber_size = plan.tier.largest
            self.whole = tallies.seat_count
            return
        self.outsiders = chamber.held_only(plan.parties)
        self.parties = [*plan.parties, *self.outsiders]
        self.held = np.array([chamber.held.get(p, 0) for p in self.parties], dtype=np.int64)
        self.allocated = _with_outsider_rows(
            tallies.seat_count, len(self.outsiders), self.held, n_draws
        )
        self.chamber_size = max(c.seats for c in plan.axes.chambers)
        self.whole = _shift(self.allocated, self.held, self.chamber_size)

    def swept(self, counts, *dims):
        """Counts of shape (points, rows, ...) with dims: the swept ones, then ``dims``."""
        axes = self.plan.axes
        array = xr.DataArray(counts.reshape(*axes.shape, *counts.shape[2:]), dims=(*_SWEPT, *dims))
        return array.isel({dim: 0 for dim in _SWEPT if dim not in axes.dims})

    def with_outsiders(self, counts):
        """Counts with parties on the last axis, and zeros for the outsiders."""
        pad = [(0, 0)] * counts.ndim
        pad[-1] = (0, len(self.outsiders))
        return np.pad(counts, pad)

    def dataset(self, config):
        """The counts every result has, with their coordinates."""
        tallies, plan, swept = self.tallies, self.plan, self.swept
        failures = [s for s in FAILURES if plan.tier is not None or s != NO_LIST_SEATS]
        n_coalitions = len(plan.coalition_names)
        coalitions = tallies.coalition_count
        variables = {
            "seat_count": swept(self.whole, "party", "seats"),
            "pass_count": swept(self.with_outsiders(tallies.pass_count), "party"),
            "coalition_majority_count": swept(coalitions[..., :n_coalitions], "coalition"),
            "coalition_supermajority_count": swept(coalitions[..., n_coalitions:], "coalition"),
            "failed_count": swept(tallies.status_count[..., failures], "failure"),
            "draws": ((), np.int64(self.n_draws)),
            "seats_held": ("party", self.held),
        }
        members = [" + ".join(config.coalitions[name]) for name in plan.coalition_names]
        coords = {
            "party": self.parties,
            "on_ballot": ("party", [party not in self.outsiders for party in self.parties]),
            "seats": np.arange(self.chamber_size + 1, dtype=np.int64),
            "coalition": list(plan.coalition_names),
            "failure": [FAILURES[status] for status in failures],
            "coalition_members": ("coalition", members),
        }
        return xr.Dataset(variables, coords=coords)

    def add_indices(self, dataset):
        """The histograms and sums of the two indices, when the run tallied them."""
        tallies, swept = self.tallies, self.swept
        dataset["effective_parties_count"] = swept(
            tallies.index_count[:, :, 0], "effective_parties_bin"
        )
        dataset["gallagher_count"] = swept(tallies.index_count[:, :, 1], "gallagher_bin")
        dataset["effective_parties_sum"] = swept(tallies.index_sum[..., 0])
        dataset["gallagher_sum"] = swept(tallies.index_sum[..., 1])
        n_parties = len(self.plan.parties)
        return dataset.assign_coords(
            effective_parties_bin=np.arange(INDEX_BINS) * (n_parties / INDEX_BINS),
            gallagher_bin=np.arange(INDEX_BINS) * (GALLAGHER_RANGE / INDEX_BINS),
        )

    def add_tiers(self, dataset):
        """``tier_seat_count``: seats in the allocated tier and in the tier of held seats."""
        dataset["tier_seat_count"] = _tier_counts(
            self.swept, self.allocated, self.held, self.chamber_size, self.n_draws
        )
        dataset = dataset.assign_coords(tier=[self.chamber.tier, self.chamber.held_tier])
        dataset["tier_seat_count"].attrs["long_name"] = (
            "draws in which the party won exactly this many seats in the tier"
        )
        return dataset

    def add_linked_tiers(self, dataset, config):
        """Seats by tier, the chamber's size and majorities of the chamber as drawn."""
        tallies, swept, chamber = self.tallies, self.swept, self.chamber
        dataset["tier_seat_count"] = swept(tallies.tier_count, "tier", "party", "seats")
        dataset["chamber_size_count"] = swept(tallies.size_count, "seats")
        dataset["majority_count"] = swept(tallies.majority_count[:, :, 0], "party")
        dataset["supermajority_count"] = swept(tallies.majority_count[:, :, 1], "party")
        tiers = [chamber.tier, second_tier(chamber, config.constituencies)]
        dataset = dataset.assign_coords(tier=tiers)
        dataset.attrs["linkage"] = chamber.linkage
        if config.constituencies is not None:
            dataset.attrs["constituencies"] = config.constituencies.describe()
        dataset["tier_seat_count"].attrs["long_name"] = (
            "draws in which the party won exactly this many seats in the tier"
        )
        dataset["chamber_size_count"].attrs["long_name"] = (
            "allocated draws in which the chamber had exactly this many seats"
        )
        dataset["majority_count"].attrs["long_name"] = (
            "draws in which the party alone held a majority of the chamber as drawn"
        )
        dataset["supermajority_count"].attrs["long_name"] = (
            "draws in which the party alone held a supermajority of the chamber as drawn"
        )
        return dataset

    def add_districts(self, dataset, districts):
        """Seats and wins by district."""
        for name in ("district_seat_sum", "district_win_count"):
            counts = self.with_outsiders(getattr(self.tallies, name))
            dataset[name] = self.swept(counts, "district", "party")
        dataset = dataset.assign_coords(
            district=list(districts.names),
            district_seats=("district", np.array(districts.seats, dtype=np.int64)),
        )
        dataset["district_seat_sum"].attrs["long_name"] = (
            "seats won in the district, summed over draws"
        )
        dataset["district_win_count"].attrs["long_name"] = (
            "draws in which the party won at least one seat in the district"
        )
        return dataset


def _add_chambers(dataset, chambers):
    """The chamber of each swept seat count: its size, majority and supermajority."""
    dataset["chamber_seats"] = ("n_seats", [chamber.seats for chamber in chambers])
    dataset["chamber_majority"] = ("n_seats", [chamber.majority for chamber in chambers])
    dataset["chamber_majority"].attrs["long_name"] = "seats a majority needs in this chamber"
    dataset["chamber_supermajority"] = ("n_seats", [c.supermajority for c in chambers])
    dataset["chamber_supermajority"].attrs["long_name"] = (
        "seats a supermajority needs in this chamber"
    )


def _add_shares(dataset, share_count, components, share_bins):
    """The histogram of each component's share of all ballots."""
    dataset["share_count"] = (("component", "share"), share_count)
    dataset = dataset.assign_coords(
        component=list(components), share=np.arange(share_bins) / share_bins
    )
    dataset["share_count"].attrs["long_name"] = (
        "draws in which the component's share of all ballots fell in this bin"
    )
    dataset["share"].attrs["long_name"] = "lower edge of the share bin"
    return dataset


def _describe_counts(dataset):
    """The long names of the counts every result has."""
    dataset["pass_count"].attrs["long_name"] = "draws in which the party cleared its threshold"
    dataset["coalition_majority_count"].attrs["long_name"] = "draws with a coalition majority"
    dataset["coalition_supermajority_count"].attrs["long_name"] = (
        "draws with a coalition supermajority"
    )
    dataset["failed_count"].attrs["long_name"] = "draws the rules could not allocate (no seats)"
    dataset["seat_count"].attrs["long_name"] = (
        "draws in which the party won exactly this many seats in the whole chamber"
    )
    dataset["seats_held"].attrs["long_name"] = "seats held outside this allocation"
    if "gallagher_count" in dataset:
        _describe_indices(dataset)


def _provenance(config, system, model, **run):
    """The attrs that say what made a result: versions, seed, chunks, rules, model, inputs."""
    stamp = now()
    chamber = config.chamber
    return {
        "Conventions": "CF-1.10",
        "title": f"seat probabilities: {config.election.name or 'election'}",
        "election": config.election.name,
        "source": f"seatcast {__version__}",
        "history": f"{stamp} seatcast run {config.path or ''}".rstrip(),
        "seatcast_version": __version__,
        "numba_version": _version("numba"),
        "numpy_version": np.__version__,
        "seed": run["seed"] if run["seed"] <= _INT64_MAX else str(run["seed"]),
        "chunk_size": np.int64(run["chunk_size"]),
        "n_chunks": np.int64(run["n_chunks"]),
        "chunks": run["chunks"],
        "run_draws": np.int64(run["run_draws"]),
        "backend": run["backend"],
        "indices": np.int64(run["indices"]),
        "draws": np.int64(run["n_draws"]),
        "model": model.describe(),
        "rules": system.describe(),
        "n_seats": np.int64(system.n_seats),
        "configured_method": system.method.name,
        "configured_threshold": float(system.threshold.fraction),
        "chamber_seats": np.int64(chamber.seats),
        "majority": np.int64(chamber.majority),
        "supermajority": np.int64(chamber.supermajority),
        "config_toml": config.text,
        "inputs_sha256": inputs_digest(config.ballots, system),
        "created_at": stamp,
    }


def inputs_digest(ballots: Ballots, system: ElectionSystem) -> str:
    """SHA-256 of the counts a run is centred on, districts included.

    The verbatim config does not hold the counts of a districts file; this
    digest does, so shards and checkpoints of runs on other counts differ.
    """
    districts = system.districts
    counts = {
        "parties": list(ballots.parties),
        "votes": [str(v) for v in ballots.votes],
        "others": list(ballots.others),
        "other_votes": [str(v) for v in ballots.other_votes],
        "districts": None
        if districts is None
        else [districts.names, districts.seats, districts.votes, districts.other_votes],
    }
    text = json.dumps(counts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _with_outsider_rows(seat_count, n_outsiders, held, n_draws):
    """Allocated-seat counts with a row per outsider, who wins no allocated seat."""
    if not n_outsiders:
        return seat_count
    extra = np.zeros((*seat_count.shape[:2], n_outsiders, seat_count.shape[-1]), dtype=np.int64)
    extra[..., 0] = n_draws
    return np.concatenate([seat_count, extra], axis=2)


def _shift(counts, held, size):
    """Counts by allocated seats as counts by chamber seats: each party's held seats added."""
    out = np.zeros((*counts.shape[:-1], size + 1), dtype=np.int64)
    width = counts.shape[-1]
    for party, extra in enumerate(held):
        top = min(width, size + 1 - extra)
        out[..., party, extra : extra + top] = counts[..., party, :top]
    return out


def _tier_counts(swept, allocated, held, size, n_draws):
    """``tier_seat_count``: the allocated tier, then the tier of held seats (fixed)."""
    tier = np.zeros((*allocated.shape[:-1], 2, size + 1), dtype=np.int64)
    tier[..., 0, : allocated.shape[-1]] = allocated[..., : size + 1]
    for party, seats in enumerate(held):
        tier[:, :, party, 1, seats] = n_draws
    return swept(np.moveaxis(tier, 3, 2), "tier", "party", "seats")


#: The dims a sweep may add, in the order of the result's dims.
_SWEPT = ("threshold", "allocation", "n_seats")


def _sweep_coords(axes):
    coords = {}
    if "threshold" in axes.dims:
        coords["threshold"] = ("threshold", [float(value) for value in axes.thresholds])
        coords["threshold_exact"] = ("threshold", [str(value) for value in axes.thresholds])
    if "allocation" in axes.dims:
        coords["allocation"] = ("allocation", list(axes.allocations))
    if "n_seats" in axes.dims:
        coords["n_seats"] = ("n_seats", np.array(axes.seat_counts, dtype=np.int64))
    return coords


def _describe_indices(dataset):
    names = {
        "effective_parties": "effective number of parties by seats (Laakso-Taagepera)",
        "gallagher": "Gallagher least-squares index, percentage points",
    }
    for name, words in names.items():
        dataset[f"{name}_count"].attrs["long_name"] = f"allocated draws by bin of the {words}"
        dataset[f"{name}_bin"].attrs["long_name"] = "lower edge of the bin"
        dataset[f"{name}_sum"].attrs.update(
            long_name=f"sum over allocated draws of the {words}, in units of 1/scale",
            scale=INDEX_SCALE,
        )


#: Variables of a result that do not depend on the draws (a batch's rules per scenario too).
CONSTANTS = ("seats_held", *PER_SCENARIO.values())


def is_count(name: str) -> bool:
    """Whether variable ``name`` of a result is a count (it adds across runs and shards)."""
    return name == "draws" or name.endswith(("_count", "_sum"))


def counts_of(dataset: xr.Dataset) -> xr.Dataset:
    """A result's counts and constants, without what :func:`summarise` derives from them.

    Parameters
    ----------
    dataset : xarray.Dataset

    Returns
    -------
    xarray.Dataset
    """
    return dataset[[name for name in dataset.data_vars if is_count(name) or name in CONSTANTS]]


def summarise(dataset: xr.Dataset, quantiles: Sequence[float] = QUANTILES) -> xr.Dataset:
    """Add probabilities, means, quantiles and their Monte Carlo errors to counts.

    Parameters
    ----------
    dataset : xarray.Dataset
        With ``seat_count`` (whole chamber), ``pass_count``,
        ``coalition_majority_count``, ``draws`` and the ``majority`` attr;
        supermajorities and districts when the counts hold them.
    quantiles : sequence of float

    Returns
    -------
    xarray.Dataset
        A new Dataset with the derived variables.
    """
    n = dataset["draws"].astype(np.float64)
    seats = dataset["seats"].astype(np.float64)
    seat_probability = dataset["seat_count"] / n
    out = dataset.copy()
    _add_probability(out, "seat_probability", seat_probability, n)
    _add_probability(out, "pass_probability", dataset["pass_count"] / n, n)
    mean = (seat_probability * seats).sum("seats")
    variance = (seat_probability * seats**2).sum("seats") - mean**2
    out["seats_mean"] = mean
    out["seats_mean_mcse"] = np.sqrt(variance.clip(min=0) / n)
    out["seats_sd"] = np.sqrt(variance.clip(min=0))
    out["seats_quantile"] = seats_quantile(dataset["seat_count"], quantiles)
    for kind in ("majority", "supermajority"):
        need = dataset.get(f"chamber_{kind}", dataset.attrs.get(kind))
        if need is None:  # a file written before supermajorities were counted
            continue
        if f"{kind}_count" in dataset:  # linked tiers: the chamber's size varies by draw
            reached = dataset[f"{kind}_count"] / n
        else:
            reached = dataset["seat_count"].where(dataset["seats"] >= need, 0).sum("seats") / n
        _add_probability(out, f"{kind}_probability", reached, n)
        if f"coalition_{kind}_count" in dataset:
            coalition = dataset[f"coalition_{kind}_count"] / n
            _add_probability(out, f"coalition_{kind}_probability", coalition, n)
    if "district_seat_sum" in dataset:
        out["district_seats_mean"] = dataset["district_seat_sum"] / n
        out["district_seats_mean"].attrs["long_name"] = "expected seats in the district"
        _add_probability(out, "district_win_probability", dataset["district_win_count"] / n, n)
        out["district_win_probability"].attrs["long_name"] = (
            "probability of at least one seat in the district"
        )
    if "chamber_size_count" in dataset:
        _size_summaries(out)
    if "share_count" in dataset:
        _share_summaries(out, quantiles)
    for name in ("effective_parties", "gallagher"):
        if f"{name}_count" in dataset:
            _index_summaries(out, name, quantiles)
    out["seat_probability"].attrs["long_name"] = "probability of exactly this many seats"
    out["pass_probability"].attrs["long_name"] = "probability of clearing the threshold"
    out["majority_probability"].attrs["long_name"] = (
        "probability of a majority of the whole chamber alone"
    )
    if "supermajority_probability" in out:
        out["supermajority_probability"].attrs["long_name"] = (
            "probability of a supermajority of the whole chamber alone"
        )
        out["coalition_supermajority_probability"].attrs["long_name"] = (
            "probability of a coalition supermajority"
        )
    out["coalition_majority_probability"].attrs["long_name"] = "probability of a coalition majority"
    out["seats_mean"].attrs["long_name"] = "expected seats"
    out["seats_quantile"].attrs["long_name"] = "seat quantiles (smallest k with P(seats <= k) >= q)"
    return out


def seats_quantile(seat_count: xr.DataArray, quantiles: Sequence[float]) -> xr.DataArray:
    """Quantiles of a seat histogram: the smallest k with ``P(seats <= k) >= q``.

    Parameters
    ----------
    seat_count : xarray.DataArray
        Counts with a ``seats`` dim.
    quantiles : sequence of float

    Returns
    -------
    xarray.DataArray
        int64, with a ``quantile`` dim in front.
    """
    return histogram_quantile(seat_count, "seats", quantiles)


def histogram_quantile(counts: xr.DataArray, dim: str, quantiles: Sequence[float]) -> xr.DataArray:
    """Index of the first bin along ``dim`` where the cumulative share of counts reaches each q.

    Parameters
    ----------
    counts : xarray.DataArray
    dim : str
    quantiles : sequence of float

    Returns
    -------
    xarray.DataArray
        int64 bin indices, with a ``quantile`` dim in front.
    """
    cumulative = counts.cumsum(dim)
    total = counts.sum(dim)
    values = []
    for q in quantiles:
        # Integer comparison: cumulative / total >= q without rounding trouble at q * total.
        reached = cumulative >= np.ceil(q * total - 1e-9 * total)
        values.append(reached.argmax(dim).astype(np.int64))
    return xr.concat(values, dim=xr.DataArray(list(quantiles), dims="quantile", name="quantile"))


def _size_summaries(dataset):
    """Expected chamber size, and the probability and expected number of overhang seats.

    Of the draws allocated: a draw the rules could not allocate has no chamber.
    """
    counts = dataset["chamber_size_count"]
    n = counts.sum("seats").astype(np.float64)
    sizes = dataset["seats"]
    regular = dataset.attrs["chamber_seats"]
    dataset["chamber_size_mean"] = (counts * sizes).sum("seats") / n
    dataset["overhang_mean"] = (counts * (sizes - regular).clip(min=0)).sum("seats") / n
    overhang = counts.where(sizes > regular, 0).sum("seats") / n
    _add_probability(dataset, "overhang_probability", overhang, n)
    dataset["chamber_size_mean"].attrs["long_name"] = "expected seats in the chamber"
    dataset["overhang_mean"].attrs["long_name"] = "expected seats beyond the regular size"
    dataset["overhang_probability"].attrs["long_name"] = "probability of at least one overhang seat"


def _share_summaries(dataset, quantiles):
    """Mean and quantiles of each component's share, from its histogram (bin midpoints)."""
    counts = dataset["share_count"]
    width = 1.0 / counts.sizes["share"]
    middle = dataset["share"] + width / 2
    dataset["share_mean"] = (counts * middle).sum("share") / counts.sum("share")
    index = histogram_quantile(counts, "share", quantiles)
    dataset["share_quantile"] = middle.isel(share=index).drop_vars("share")
    dataset["share_mean"].attrs["long_name"] = "expected share of all ballots"
    dataset["share_quantile"].attrs["long_name"] = (
        f"share quantiles (middle of the first bin of width {width:g} reaching q)"
    )


def _index_summaries(dataset, name, quantiles):
    """Mean (exact, from the fixed-point sum) and quantiles (bin midpoints) of an index."""
    counts = dataset[f"{name}_count"]
    allocated = counts.sum(f"{name}_bin")
    dataset[f"{name}_mean"] = (
        dataset[f"{name}_sum"] / dataset[f"{name}_sum"].attrs["scale"] / allocated
    )
    edges = dataset[f"{name}_bin"]
    middle = edges + (edges[1] - edges[0]) / 2
    index = histogram_quantile(counts, f"{name}_bin", quantiles)
    dataset[f"{name}_quantile"] = middle.isel({f"{name}_bin": index}).drop_vars(f"{name}_bin")
    dataset[f"{name}_mean"].attrs["long_name"] = f"mean over allocated draws of {name}"
    dataset[f"{name}_quantile"].attrs["long_name"] = f"quantiles of {name} (bin midpoints)"


def _add_probability(dataset, name, probability, n):
    dataset[name] = probability
    dataset[f"{name}_mcse"] = np.sqrt(probability * (1 - probability) / n)
    dataset[f"{name}_mcse"].attrs["long_name"] = f"Monte Carlo standard error of {name}"


def _version(module):
    from importlib.metadata import version

    return version(module)


def now() -> str:
    """The time now, in UTC, as ISO 8601 text (seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")
