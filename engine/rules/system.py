"""An electoral system: seats, a threshold, a method and a tie policy, composed.

With districts, the threshold is judged on the national sums and the method
shares each district's seats on its own votes (see
:mod:`seatcast.engine.rules.districts`).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from seatcast.engine.errors import ConfigError
from seatcast.engine.parsing import as_written, format_fraction
from seatcast.engine.rules.allocation import Allocation, allocate_seats
from seatcast.engine.rules.ballots import Ballots
from seatcast.engine.rules.districts import Districts, DistrictSeats, district_eligible
from seatcast.engine.rules.methods import DivisorMethod, QuotaMethod, describe_method
from seatcast.engine.rules.remainder_pool import allocate_pooled
from seatcast.engine.rules.thresholds import Threshold
from seatcast.engine.rules.ties import TiePolicy

#: The most seats a chamber (and so any district) may have: bounds the work of one allocation.
MAX_SEATS = 10**7


def check_pooled_method(method: "DivisorMethod | QuotaMethod") -> None:
    """Refuse a method the districts of a remainder pool cannot use.

    They give whole quotas only, so the method must be a quota method; and
    not Droop's, whose quota rounds votes, which the fractions of a vote the
    districts leave over do not have.
    """
    if method.family != "quota" or method.whole_quota:
        raise ConfigError(
            "districts.pool gives the districts whole quotas only: their method must be a "
            f"quota method other than droop (such as imperiali-quota), got {method.name!r}"
        )


@dataclass(frozen=True)
class ElectionSystem:
    """The rules of one election: who passes, and how seats are shared.

    Parameters
    ----------
    n_seats : int
        Seats to allocate, at least 1.
    method : DivisorMethod or QuotaMethod
        From :func:`~seatcast.engine.rules.methods.get_method`.
    threshold : Threshold
        Which parties take part.
    tie_policy : TiePolicy
        How a tie for a seat is settled.
    districts : Districts or None
        Districts whose seats are allocated one by one; ``n_seats`` is then
        their sum.
    """

    n_seats: int
    method: DivisorMethod | QuotaMethod
    threshold: Threshold = field(default_factory=Threshold)
    tie_policy: TiePolicy = field(default_factory=TiePolicy)
    districts: Districts | None = None

    def __post_init__(self) -> None:
        if isinstance(self.n_seats, bool) or not isinstance(self.n_seats, int):
            raise ConfigError(f"seats must be a whole number, got {as_written(self.n_seats)}")
        if self.n_seats < 1:
            raise ConfigError(f"seats must be at least 1, got {self.n_seats}")
        if self.n_seats > MAX_SEATS:
            raise ConfigError(
                f"seats is {self.n_seats:,}; seatcast allocates at most {MAX_SEATS:,} seats"
            )
        pool = None if self.districts is None else self.districts.pool
        if pool is not None:
            check_pooled_method(self.method)
        if self.districts is not None and self.districts.n_seats != self.n_seats:
            raise ConfigError(
                f"seats is {self.n_seats}, but the districts have {self.districts.n_seats} "
                "seats together"
            )

    def describe_seats(self) -> str:
        """The seats and where they are allocated: ``"460 seats in 41 districts"``."""
        if self.districts is None:
            return f"{self.n_seats} seats"
        where = f"{self.n_seats} seats in {len(self.districts.names)} districts"
        if self.districts.threshold:
            where += f" (district threshold {format_fraction(self.districts.threshold)})"
        if self.districts.pool is not None:
            where += f", whole quotas there and the remainders pooled by {self.districts.pool.name}"
        return where

    def describe(self) -> str:
        """One line with seats, method and threshold, for reports and provenance."""
        return (
            f"{self.describe_seats()}, {describe_method(self.method)}, "
            f"threshold {self.threshold.describe()}"
        )

    def allocate(
        self,
        ballots: Ballots,
        *,
        held_by_district: Mapping[str, Mapping[str, int]] | None = None,
    ) -> Allocation:
        """Apply the threshold, then the method, to official counts.

        Parameters
        ----------
        ballots : Ballots
        held_by_district : mapping, optional
            District to name to seats held there before the allocation (a
            compensatory tier: the additional member system).  A divisor
            method's claims start from them; the allocation gives only the
            seats it adds.  Needs districts.

        Returns
        -------
        Allocation
            With ``district_seats`` when the system has districts.
        """
        eligible = self.threshold.eligible(ballots)
        if self.districts is not None and self.districts.pool is not None:
            if held_by_district:
                raise ConfigError("seats held district by district do not go with a remainder pool")
            return allocate_pooled(self, ballots, eligible)
        if self.districts is not None:
            return self._allocate_districts(ballots, eligible, held_by_district or {})
        if held_by_district:
            raise ConfigError("seats held district by district need [districts]")
        seats, ties = allocate_seats(
            self.method,
            ballots.votes,
            self.n_seats,
            eligible=eligible,
            tie_policy=self.tie_policy,
            names=ballots.parties,
        )
        return Allocation(ballots.parties, tuple(seats), eligible, tuple(ties))

    def _allocate_districts(self, ballots, eligible, held_by_district):
        districts = self.districts
        totals, ties, rows = [0] * len(ballots.parties), [], []
        for index, (name, magnitude) in enumerate(
            zip(districts.names, districts.seats, strict=True)
        ):
            held = held_by_district.get(name, {})
            start = [held.get(party, 0) for party in ballots.parties]
            seats, district_ties = allocate_seats(
                self.method,
                districts.votes[index],
                magnitude,
                eligible=district_eligible(districts, self.threshold, eligible, index),
                tie_policy=self.tie_policy,
                names=[f"{party} in {name}" for party in ballots.parties],
                start=start if any(start) else None,
            )
            seats = [after - before for after, before in zip(seats, start, strict=True)]
            rows.append(tuple(seats))
            ties.extend(district_ties)
            totals = [a + b for a, b in zip(totals, seats, strict=True)]
        return Allocation(
            ballots.parties,
            tuple(totals),
            eligible,
            tuple(ties),
            DistrictSeats(districts.names, tuple(rows)),
        )
