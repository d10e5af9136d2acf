"""Legal thresholds: which parties take part in the seat allocation.

A threshold is a fraction of a declared base: ``parties`` (the votes of all
parties) or ``all`` (all valid ballots, with options such as "against all"
that win no seats).  A party passes with a share ``>=`` its threshold, or
``>`` when the rule is strict.  Coalitions and other list types may face their
own threshold, single parties a threshold of their own, and exempt parties
(national minorities) pass whatever their share.  An alternative lets a
party in that won enough seats elsewhere (New Zealand: one electorate;
Germany: three constituencies) whatever its share.  Comparisons are exact:
``votes * denominator`` against ``numerator * base`` in integers.

A party with no votes never takes part: it has nothing to allocate seats to.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from seatcast.engine.errors import AllocationError, ConfigError
from seatcast.engine.parsing import as_written, format_fraction
from seatcast.engine.rules.ballots import Ballots

THRESHOLD_BASES = ("parties", "all")


@dataclass(frozen=True)
class Threshold:
    """An exact threshold rule.

    Parameters
    ----------
    fraction : Fraction
        Share of the base a party needs, in ``[0, 1)``.
    base : {"parties", "all"}
        What the share is a share of.
    strict : bool
        Require a share strictly above the threshold.
    by_type : dict of str to Fraction
        Threshold per list type (``{"coalition": Fraction(2, 25)}``).
    by_party : dict of str to Fraction
        Threshold per party, ahead of its list type's.
    exempt : frozenset of str
        Parties that pass whatever their share.
    alternative : int
        Seats won elsewhere with which a party passes whatever its share
        (0: no alternative).
    elsewhere : dict of str to int
        Seats each party won elsewhere (electorates, single-mandate districts).
    """

    fraction: Fraction = Fraction(0)
    base: str = "parties"
    strict: bool = False
    by_type: dict[str, Fraction] = field(default_factory=dict)
    by_party: dict[str, Fraction] = field(default_factory=dict)
    exempt: frozenset[str] = frozenset()
    alternative: int = 0
    elsewhere: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.base not in THRESHOLD_BASES:
            raise ConfigError(
                f"threshold base must be one of {', '.join(THRESHOLD_BASES)}, got {self.base!r}"
            )
        check_threshold_fraction(self.fraction, key="threshold")
        for kind, table in (("list type", self.by_type), ("party", self.by_party)):
            for name, value in table.items():
                check_threshold_fraction(value, key=f"threshold for {kind} {name!r}")
        if isinstance(self.alternative, bool) or not isinstance(self.alternative, int):
            raise ConfigError(
                "threshold alternative must be a whole number of seats, "
                f"got {as_written(self.alternative)}"
            )
        if self.alternative < 0:
            raise ConfigError(
                f"threshold alternative must be at least 0 seats, got {self.alternative}"
            )

    def passes_elsewhere(self, party: str) -> bool:
        """Whether ``party`` passes by the alternative: enough seats won elsewhere."""
        return self.alternative > 0 and self.elsewhere.get(party, 0) >= self.alternative

    def required(self, party: str, list_type: str) -> Fraction:
        """The fraction of the base that ``party`` (of ``list_type``) needs."""
        if party in self.by_party:
            return self.by_party[party]
        return self.by_type.get(list_type, self.fraction)

    def check_parties(self, ballots: Ballots) -> None:
        """Refuse exempt or per-party entries that name no party in ``ballots``."""
        for label, names in (
            ("exempt", self.exempt),
            ("party threshold", self.by_party),
            ("seats elsewhere", self.elsewhere),
        ):
            for name in names:
                if name not in ballots.parties:
                    raise ConfigError(
                        f"{label} party {name!r} is not among the parties "
                        f"({', '.join(ballots.parties)})"
                    )

    def base_total(self, ballots: Ballots) -> int:
        """The votes the threshold is a share of."""
        return ballots.all_total if self.base == "all" else ballots.party_total

    def eligible(self, ballots: Ballots) -> tuple[bool, ...]:
        """Which parties take part in the allocation.

        Parameters
        ----------
        ballots : Ballots

        Returns
        -------
        tuple of bool
            One flag per party, in input order.
        """
        self.check_parties(ballots)
        base = self.base_total(ballots)
        if base == 0:
            raise AllocationError("there are no votes to allocate: every count is zero")
        flags = []
        for party, votes, list_type in zip(
            ballots.parties, ballots.votes, ballots.list_types, strict=True
        ):
            need = self.required(party, list_type)
            scaled, bar = votes * need.denominator, need.numerator * base
            passes = (
                party in self.exempt
                or self.passes_elsewhere(party)
                or (scaled > bar if self.strict else scaled >= bar)
            )
            flags.append(votes > 0 and passes)
        if not any(flags):
            best = max(range(len(ballots.parties)), key=lambda i: ballots.votes[i])
            share = Fraction(ballots.votes[best], base)
            raise AllocationError(
                f"no party passes the threshold: the largest, {ballots.parties[best]!r}, "
                f"has {float(share):.2%} of {self.describe_base()} "
                f"against {format_fraction(self.fraction)}"
            )
        return tuple(flags)

    def describe_base(self) -> str:
        """Words for the base, for reports."""
        return "all valid ballots" if self.base == "all" else "party votes"

    def describe(self) -> str:
        """One line describing the rule, for reports."""
        sign = ">" if self.strict else ">="
        parts = [f"{sign} {format_fraction(self.fraction)} of {self.describe_base()}"]
        parts += [f"{name}: {format_fraction(v)}" for name, v in self.by_type.items()]
        parts += [f"{name!r}: {format_fraction(v)}" for name, v in self.by_party.items()]
        if self.exempt:
            parts.append("exempt: " + ", ".join(sorted(self.exempt)))
        if self.alternative:
            parts.append(f"or {self.alternative}+ seats won elsewhere")
        return "; ".join(parts)


def check_threshold_fraction(value: Fraction, *, key: str) -> None:
    """Refuse a threshold outside ``[0, 1)``, suggesting the fraction meant."""
    if not 0 <= value < 1:
        hint = f" (write {format_fraction(value / 100)} or {value}%)" if 1 <= value < 100 else ""
        raise ConfigError(f"{key} must be a fraction in [0, 1), got {float(value):g}{hint}")
