"""seatcast engine: exact electoral rules, allocation, simulation, configuration and the CLI."""

from importlib import import_module

# The one place the version is written: pyproject.toml reads it from here.
# (Asking importlib.metadata instead costs every command about 35 ms.)
__version__ = "0.1.0"

# The public API, loaded on first use (PEP 562).  Every module of seatcast
# imports this package first (``seatcast.engine.errors`` is in it), so eager
# imports here would load the whole engine, numba and xarray included, for
# ``seatcast --help`` or one model module; the layers themselves need no
# lazy import.
_EXPORTS = {
    "Allocation": "rules.allocation",
    "allocate_seats": "rules.allocation",
    "Ballots": "rules.ballots",
    "ballots_from_counts": "rules.ballots",
    "ballots_from_shares": "rules.ballots",
    "load_config": "config.reader",
    "AllocationError": "errors",
    "ConfigError": "errors",
    "SeatcastError": "errors",
    "TieError": "errors",
    "METHOD_NAMES": "rules.methods",
    "DivisorMethod": "rules.methods",
    "QuotaMethod": "rules.methods",
    "get_method": "rules.methods",
    "simulate": "run.simulate",
    "nowcast": "run.election_night",
    "replay": "run.election_night",
    "ElectionSystem": "rules.system",
    "Threshold": "rules.thresholds",
    "TIE_POLICIES": "rules.ties",
    "Tie": "rules.ties",
    "TiePolicy": "rules.ties",
}


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(f"seatcast.engine.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'seatcast.engine' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)


__all__ = [
    "METHOD_NAMES",
    "TIE_POLICIES",
    "Allocation",
    "AllocationError",
    "Ballots",
    "ConfigError",
    "DivisorMethod",
    "ElectionSystem",
    "QuotaMethod",
    "SeatcastError",
    "Threshold",
    "Tie",
    "TieError",
    "TiePolicy",
    "__version__",
    "allocate_seats",
    "ballots_from_counts",
    "ballots_from_shares",
    "get_method",
    "load_config",
    "nowcast",
    "replay",
    "simulate",
]
