"""seatcast engine: exact electoral rules, allocation, simulation, configuration and the CLI."""

from importlib.metadata import PackageNotFoundError, version

from seatcast.engine.allocation import Allocation, allocate_seats
from seatcast.engine.ballots import Ballots, ballots_from_counts, ballots_from_shares
from seatcast.engine.config import load_config
from seatcast.engine.errors import AllocationError, ConfigError, SeatcastError, TieError
from seatcast.engine.methods import METHOD_NAMES, DivisorMethod, QuotaMethod, get_method
from seatcast.engine.monte_carlo import simulate
from seatcast.engine.system import ElectionSystem
from seatcast.engine.thresholds import Threshold
from seatcast.engine.ties import TIE_POLICIES, Tie, TiePolicy

try:
    __version__ = version("seatcast")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

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
    "simulate",
]
