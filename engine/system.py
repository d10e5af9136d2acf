"""An electoral system: seats, a threshold, a method and a tie policy, composed."""

from dataclasses import dataclass, field

from seatcast.engine.allocation import Allocation, allocate_seats
from seatcast.engine.errors import ConfigError
from seatcast.engine.methods import describe_method
from seatcast.engine.thresholds import Threshold
from seatcast.engine.ties import TiePolicy


@dataclass(frozen=True)
class ElectionSystem:
    """The rules of one election: who passes, and how seats are shared.

    Parameters
    ----------
    n_seats : int
        Seats to allocate, at least 1.
    method : DivisorMethod or QuotaMethod
        From :func:`~seatcast.engine.methods.get_method`.
    threshold : Threshold
        Which parties take part.
    tie_policy : TiePolicy
        How a tie for a seat is settled.
    """

    n_seats: int
    method: object
    threshold: Threshold = field(default_factory=Threshold)
    tie_policy: TiePolicy = field(default_factory=TiePolicy)

    def __post_init__(self):
        if isinstance(self.n_seats, bool) or not isinstance(self.n_seats, int):
            raise ConfigError(f"seats must be a whole number, got {self.n_seats!r}")
        if self.n_seats < 1:
            raise ConfigError(f"seats must be at least 1, got {self.n_seats}")

    def describe(self):
        """One line with seats, method and threshold, for reports and provenance."""
        return (
            f"{self.n_seats} seats, {describe_method(self.method)}, "
            f"threshold {self.threshold.describe()}"
        )

    def allocate(self, ballots):
        """Apply the threshold, then the method, to official counts.

        Parameters
        ----------
        ballots : Ballots

        Returns
        -------
        Allocation
        """
        eligible = self.threshold.eligible(ballots)
        seats, ties = allocate_seats(
            self.method,
            ballots.votes,
            self.n_seats,
            eligible=eligible,
            tie_policy=self.tie_policy,
            names=ballots.parties,
        )
        return Allocation(ballots.parties, tuple(seats), eligible, tuple(ties))
