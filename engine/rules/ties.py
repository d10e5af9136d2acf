"""Ties for a seat: detected exactly, settled by a declared policy, always reported.

A tie is a set of parties with exactly equal claims (equal priorities under a
divisor method, equal remainders under a quota method) competing for fewer
seats than there are parties in the set.  The policies:

``error``
    Stop and say which parties tie (the default: never break a tie silently).
``lot``
    Draw lots from a seeded stream, reproducibly.
``most-votes``
    The party with more votes is favoured; equal votes stop with an error.
``list-order``
    The party listed earlier is favoured.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass

from seatcast.engine.errors import ConfigError, TieError

TIE_POLICIES = ("error", "lot", "most-votes", "list-order")


@dataclass(frozen=True)
class Tie:
    """One tie that a policy settled.

    Parameters
    ----------
    stage : str
        ``"award"`` (seats given out) or ``"withdrawal"`` (seats taken back
        from a quota method's over-allocation).
    parties : tuple of str
        The tied parties, in input order.
    seats : int
        How many of them win the award (or lose a seat, for a withdrawal).
    chosen : tuple of str
        The parties the policy chose: they win the award, or lose a seat in a
        withdrawal.
    policy : str
        The policy that settled it.
    """

    stage: str
    parties: tuple[str, ...]
    seats: int
    chosen: tuple[str, ...]
    policy: str

    def as_dict(self) -> dict[str, str | int | list[str]]:
        """The tie as a plain dict, for JSON."""
        return {
            "stage": self.stage,
            "parties": list(self.parties),
            "seats": self.seats,
            "chosen": list(self.chosen),
            "policy": self.policy,
        }


@dataclass(frozen=True)
class TiePolicy:
    """How to settle a tie.

    Parameters
    ----------
    name : str
        One of :data:`TIE_POLICIES`.
    seed : int
        Seed of the lot (``lot`` only).
    """

    name: str = "error"
    seed: int = 0

    def __post_init__(self) -> None:
        if self.name not in TIE_POLICIES:
            raise ConfigError(
                f"unknown tie policy {self.name!r}; choose one of {', '.join(TIE_POLICIES)}"
            )
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise ConfigError(f"tie seed must be a non-negative integer, got {self.seed!r}")

    def favour(
        self,
        tied: Sequence[int],
        n_favoured: int,
        *,
        votes: Sequence[int],
        names: Sequence[str],
        stage: str,
    ) -> list[int]:
        """Pick ``n_favoured`` of the tied parties.

        Parameters
        ----------
        tied : sequence of int
            Indices of the tied parties, ascending.
        n_favoured : int
            How many the policy favours, ``0 < n_favoured < len(tied)``.
        votes : sequence of int
            Votes of every party.
        names : sequence of str
            Names of every party, for messages.
        stage : str
            ``"award"`` or ``"withdrawal"``, for messages.

        Returns
        -------
        list of int
            The favoured indices, ascending.
        """
        tied_names = ", ".join(repr(names[i]) for i in tied)
        if self.name == "error":
            what = "a seat" if stage == "award" else "keeping a seat"
            raise TieError(
                f"tie for {what}: {tied_names} have exactly equal claims for "
                f"{n_favoured if stage == 'award' else len(tied) - n_favoured} of "
                f"{len(tied)} places; choose a tie policy (lot, most-votes, list-order)"
            )
        if self.name == "list-order":
            return sorted(tied)[:n_favoured]
        if self.name == "most-votes":
            ranked = sorted(tied, key=lambda i: -votes[i])
            if votes[ranked[n_favoured - 1]] == votes[ranked[n_favoured]]:
                raise TieError(
                    f"tie between {tied_names} that most-votes cannot settle: "
                    "equal votes; choose lot or list-order"
                )
            return sorted(ranked[:n_favoured])
        return sorted(_lot(tied, n_favoured, self.seed))


def _lot(tied, n_favoured, seed):
    # random.Random.random() is the one stream Python promises to keep stable,
    # so the Fisher-Yates shuffle is written on top of it.
    stream = random.Random(seed)
    order = list(tied)
    for i in range(len(order) - 1, 0, -1):
        j = int(stream.random() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order[:n_favoured]
