"""Exact seat allocation on integer votes: the reference every kernel is held to.

Every step is the same loop: seats are handed out (or taken back) one at a
time to the best exact claim, in groups of equal claims so that ties are
seen, not broken by accident.  Divisor methods hand out seats by priority
(:meth:`~seatcast.engine.rules.methods.DivisorMethod.priority`).  Quota methods give
``floor(votes / quota)`` seats and the remaining seats, one each, to the
largest remainders.

When quotas hand out more seats than exist (Hagenbach-Bischoff and the
Imperiali quota can), the excess is withdrawn one seat at a time from the
party that filled its last quota by the smallest margin (the smallest
remainder; a party that loses a seat has its margin grow by one quota), the
mirror image of the largest-remainder step.  When fewer
parties than remaining seats can take a remainder seat (a Droop quota on very
few votes), the allocation fails with a clear error: largest remainder gives
at most one extra seat per party.
"""

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from seatcast.engine.errors import AllocationError, ConfigError
from seatcast.engine.rules.districts import DistrictSeats
from seatcast.engine.rules.methods import DivisorMethod, QuotaMethod
from seatcast.engine.rules.ties import Tie, TiePolicy


@dataclass(frozen=True)
class Allocation:
    """Seats per party from one allocation.

    Parameters
    ----------
    parties : tuple of str
        Party names in input order.
    seats : tuple of int
        Seats per party.
    eligible : tuple of bool
        Whether each party took part (passed the threshold).
    ties : tuple of Tie
        Every tie the policy settled.
    district_seats : DistrictSeats or None
        Seats per district and party, when the seats were allocated by district.
    """

    parties: tuple[str, ...]
    seats: tuple[int, ...]
    eligible: tuple[bool, ...]
    ties: tuple[Tie, ...] = ()
    district_seats: DistrictSeats | None = None

    def seats_by_party(self) -> dict[str, int]:
        """Seats as a dict in input order."""
        return dict(zip(self.parties, self.seats, strict=True))


def allocate_seats(
    method: DivisorMethod | QuotaMethod,
    votes: Sequence[int],
    n_seats: int,
    *,
    eligible: Sequence[bool],
    tie_policy: TiePolicy,
    names: Sequence[str],
    start: Sequence[int] | None = None,
) -> tuple[list[int], list[Tie]]:
    """Allocate ``n_seats`` among the eligible parties, exactly.

    Parameters
    ----------
    method : DivisorMethod or QuotaMethod
    votes : sequence of int
        Votes per party.
    n_seats : int
        Seats to allocate, at least 1.
    eligible : sequence of bool
        Which parties take part; each must have votes.
    tie_policy : TiePolicy
    names : sequence of str
        Party names, for tie records and messages.
    start : sequence of int, optional
        Seats each party holds before the allocation (a divisor method only):
        its claims start from them, as compensatory tiers count a party's
        constituency seats.  The ``n_seats`` are added to them.

    Returns
    -------
    seats : list of int
        Seats per party, ``start`` included.
    ties : list of Tie
    """
    ctx = _Context(votes, names, tie_policy)
    parties = [i for i, ok in enumerate(eligible) if ok]
    if method.family == "divisor":
        return _allocate_divisor(method, parties, n_seats, ctx, start)
    if start is not None and any(start):
        raise ConfigError(f"{method.name} is a quota method: it cannot count seats held before")
    return _allocate_quota(method, parties, n_seats, ctx)


@dataclass
class _Context:
    votes: Sequence[int]
    names: Sequence[str]
    tie_policy: TiePolicy
    ties: list[Tie] = field(default_factory=list)

    def take_turns(
        self,
        claims: dict[int, Fraction],
        n_turns: int,
        act: Callable[[int], Fraction | None],
        stage: str,
    ) -> int:
        """Give ``n_turns`` turns, one at a time, to the best claim.

        Parameters
        ----------
        claims : dict of int to Fraction
            Each party's first claim; higher is better.
        n_turns : int
            Turns to give.
        act : callable
            ``act(i)`` applies party ``i``'s turn and returns its next claim,
            or ``None`` when it gets no further turn.
        stage : str
            ``"award"`` or ``"withdrawal"``, for tie records.

        Returns
        -------
        int
            Turns that found no claimant (0 when all were given).
        """
        heap = [(-claim, i) for i, claim in claims.items()]
        heapq.heapify(heap)
        while n_turns > 0 and heap:
            top, first = heapq.heappop(heap)
            group = [first]
            while heap and heap[0][0] == top:
                group.append(heapq.heappop(heap)[1])
            if len(group) > n_turns:
                group = self.settle(group, n_turns, stage)
            for i in group:
                claim = act(i)
                if claim is not None:
                    heapq.heappush(heap, (-claim, i))
            n_turns -= len(group)
        return n_turns

    def settle(self, tied: list[int], n_chosen: int, stage: str) -> list[int]:
        tied = sorted(tied)
        n_favoured = n_chosen if stage == "award" else len(tied) - n_chosen
        favoured = self.tie_policy.favour(
            tied, n_favoured, votes=self.votes, names=self.names, stage=stage
        )
        chosen = favoured if stage == "award" else [i for i in tied if i not in favoured]
        self.ties.append(
            Tie(
                stage=stage,
                parties=tuple(self.names[i] for i in tied),
                seats=n_chosen,
                chosen=tuple(self.names[i] for i in chosen),
                policy=self.tie_policy.name,
            )
        )
        return chosen


def _allocate_divisor(method, parties, n_seats, ctx, start=None):
    if start is not None and method.seats_first:
        raise ConfigError(f"{method.name} gives first seats: it cannot count seats held before")
    seats = [0] * len(ctx.votes) if start is None else list(start)
    remaining = n_seats
    if method.seats_first:
        if n_seats < len(parties):
            raise AllocationError(
                f"{method.name} gives every eligible party a first seat, but {len(parties)} "
                f"parties pass and there are only {n_seats} seats"
            )
        for i in parties:
            seats[i] = 1
        remaining -= len(parties)

    def award(i):
        seats[i] += 1
        return method.priority(ctx.votes[i], seats[i])

    claims = {i: method.priority(ctx.votes[i], seats[i]) for i in parties}
    ctx.take_turns(claims, remaining, award, "award")
    return seats, ctx.ties


def whole_quotas(
    method: QuotaMethod,
    votes: Sequence[int],
    n_seats: int,
    *,
    eligible: Sequence[bool],
    tie_policy: TiePolicy,
    names: Sequence[str],
) -> tuple[list[int], list[Fraction], list[Tie]]:
    """Seats by whole quotas only, and what each party has left over (a first scrutiny).

    The quota's seats are ``floor(votes / quota)``; if that makes more than
    ``n_seats`` (Hagenbach-Bischoff, the Imperiali quota), the excess is
    withdrawn from the smallest remainders.  No seat goes to a remainder:
    seats left over are for a later tier (:mod:`seatcast.engine.rules.remainder_pool`).

    Parameters
    ----------
    method : QuotaMethod
    votes : sequence of int
    n_seats : int
    eligible : sequence of bool
    tie_policy : TiePolicy
    names : sequence of str

    Returns
    -------
    seats : list of int
        At most ``n_seats`` together.
    remainders : list of Fraction
        Each eligible party's votes less its seats' quotas (all its votes
        when it won none); 0 for the others.
    ties : list of Tie
    """
    ctx = _Context(votes, names, tie_policy)
    parties = [i for i, ok in enumerate(eligible) if ok]
    seats, remainder, _ = _whole_quotas(method, parties, n_seats, ctx)
    return seats, [remainder.get(i, Fraction(0)) for i in range(len(votes))], ctx.ties


def _whole_quotas(method, parties, n_seats, ctx):
    """Whole quotas, withdrawn down to ``n_seats``; the remainders and the quota."""
    seats = [0] * len(ctx.votes)
    quota = method.quota(sum(ctx.votes[i] for i in parties), n_seats)
    remainder = {}
    for i in parties:
        seats[i] = ctx.votes[i] * quota.denominator // quota.numerator
        remainder[i] = ctx.votes[i] - seats[i] * quota
    given = sum(seats)
    if given > n_seats:

        def withdraw(i):
            seats[i] -= 1
            remainder[i] += quota
            return -remainder[i] if seats[i] else None

        holders = {i: -remainder[i] for i in parties if seats[i] > 0}
        ctx.take_turns(holders, given - n_seats, withdraw, "withdrawal")
    return seats, remainder, quota


def _allocate_quota(method, parties, n_seats, ctx):
    seats, remainder, quota = _whole_quotas(method, parties, n_seats, ctx)
    given = sum(seats)
    if given < n_seats:

        def award(i):
            seats[i] += 1

        left = ctx.take_turns(remainder, n_seats - given, award, "award")
        if left:
            raise AllocationError(
                f"the {method.name} quota ({float(quota):g} votes) leaves "
                f"{n_seats - given} seats for the remainders of {len(parties)} parties; "
                "largest remainder gives at most one seat each"
            )
    return seats, ctx.ties
