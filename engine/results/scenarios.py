"""The counts of a scenario batch as one Dataset along a ``scenario`` dim.

Each scenario's counts are a whole result of their own (see
:func:`seatcast.engine.results.dataset.tallies_dataset`); stacked, what differs from
one scenario to the next (its rules, model, inputs and chamber) moves from
the attrs into variables along ``scenario``.  Seat numbers are aligned by an
outer join: a scenario with a smaller chamber has no draws at the higher
seat counts.  Draws are the same in every scenario and stay a scalar.
"""

import hashlib
from collections.abc import Sequence

import xarray as xr

#: Per-scenario attrs of a result and the variable each becomes in a batch.
PER_SCENARIO = {
    "rules": "scenario_rules",
    "model": "scenario_model",
    "inputs_sha256": "scenario_inputs_sha256",
    "n_seats": "configured_seats",
    "configured_method": "configured_method",
    "configured_threshold": "configured_threshold",
    "chamber_seats": "chamber_seats",
    "majority": "chamber_majority",
    "supermajority": "chamber_supermajority",
}

_LONG_NAMES = {
    "scenario_rules": "the scenario's rules",
    "scenario_model": "the scenario's vote-share model",
    "scenario_inputs_sha256": "SHA-256 of the counts the scenario is centred on",
    "configured_seats": "seats the scenario's rules allocate",
    "configured_method": "the scenario's allocation method",
    "configured_threshold": "the scenario's threshold (fraction of the votes)",
    "chamber_seats": "seats in the scenario's chamber",
    "chamber_majority": "seats a majority needs in the scenario's chamber",
    "chamber_supermajority": "seats a supermajority needs in the scenario's chamber",
}


def stack_scenarios(datasets: Sequence[xr.Dataset], names: Sequence[str]) -> xr.Dataset:
    """Counts of each scenario, stacked along ``scenario``.

    Parameters
    ----------
    datasets : sequence of xarray.Dataset
        Counts of each scenario, from ``tallies_dataset``, with the same
        parties and draws.
    names : sequence of str

    Returns
    -------
    xarray.Dataset
        Counts with a ``scenario`` dim; pass it to ``summarise``.
    """
    varying = [name for name in datasets[0].data_vars if name != "draws"]
    stacked = xr.concat(
        datasets,
        dim=xr.DataArray(list(names), dims="scenario", name="scenario"),
        data_vars=varying,
        coords="different",
        compat="equals",
        join="outer",
        fill_value=0,
        combine_attrs="override",
    )
    stacked.attrs = dict(stacked.attrs)
    for attr, name in PER_SCENARIO.items():
        values = [dataset.attrs[attr] for dataset in datasets]
        del stacked.attrs[attr]
        if name not in stacked:  # a seats sweep has its chamber along n_seats already
            stacked[name] = ("scenario", values)
        stacked[name].attrs.setdefault("long_name", _LONG_NAMES[name])
    digests = "\n".join(str(digest) for digest in stacked["scenario_inputs_sha256"].values)
    stacked.attrs["inputs_sha256"] = hashlib.sha256(digests.encode("utf-8")).hexdigest()
    return stacked
