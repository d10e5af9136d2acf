"""votelib, an independent implementation, as a second reference for the rules.

votelib has no Adams method and cannot run Huntington-Hill exactly (its
divisors are Decimal square roots), so those two are checked against
:func:`geometric_reference` instead.
"""

from decimal import Decimal, localcontext
from fractions import Fraction

import votelib.component.divisor as vl_divisor
import votelib.evaluate.core as vl_core
import votelib.evaluate.proportional as vl_prop

_DIVISORS = {
    "dhondt": "d_hondt",
    "sainte-lague": "sainte_lague",
    "modified-sainte-lague": vl_divisor.modified_first_coef(
        vl_divisor.sainte_lague, Fraction(7, 5)
    ),
    "danish": "danish",
    "imperiali": "imperiali",
}
_QUOTAS = {
    "hare": "hare",
    "droop": "droop",
    "hagenbach-bischoff": "hagenbach_bischoff",
    "imperiali-quota": "imperiali",
}
#: Methods votelib can check.
VOTELIB_METHODS = (*_DIVISORS, *_QUOTAS, "adams")


class VotelibTie(Exception):
    """votelib reported a tie for a seat."""


class VotelibCap(Exception):
    """votelib cannot be compared here (see :func:`votelib_seats`)."""


def votelib_seats(method, votes, n_seats):
    """Seats per party index from votelib; zero-vote parties take no part.

    Raises
    ------
    VotelibTie
        When votelib's result holds a tie.
    VotelibCap
        When quotas give one party more than ``n_seats``: votelib then caps
        the party through a path that miscounts (one party, 1 vote, 2 seats,
        Hagenbach-Bischoff gives it 1 seat), so there is nothing to compare.
    """
    candidates = {f"p{i}": v for i, v in enumerate(votes) if v > 0}
    if method in _DIVISORS:
        result = vl_prop.HighestAverages(_DIVISORS[method]).evaluate(candidates, n_seats)
    elif method == "adams":
        if n_seats <= len(candidates):  # votelib has no quotient left to rank and fails
            if n_seats < len(candidates):
                raise VotelibCap
            return [1 if v > 0 else 0 for v in votes]
        first = dict.fromkeys(candidates, 1)
        added = vl_prop.HighestAverages(lambda k: k).evaluate(candidates, n_seats, prev_gains=first)
        result = {c: first.get(c, 0) + n for c, n in added.items()} | {
            c: 1 for c in candidates if c not in added
        }
    else:
        quota = vl_prop.QuotaDistributor(_QUOTAS[method]).quota_function(
            sum(candidates.values()), n_seats
        )
        if any(Fraction(v) / quota > n_seats for v in candidates.values()):
            raise VotelibCap
        evaluator = vl_prop.LargestRemainder(_QUOTAS[method], on_overaward="subtract")
        result = evaluator.evaluate(candidates, n_seats)
    if any(isinstance(key, vl_core.Tie) for key in result):
        raise VotelibTie(result)
    return [result.get(f"p{i}", 0) for i in range(len(votes))]


def geometric_reference(votes, n_seats, divisor):
    """Seat-by-seat highest averages with divisors taken at 80 significant digits.

    Parameters
    ----------
    votes : list of int
    n_seats : int
    divisor : callable
        ``divisor(k)`` as a Decimal; a zero divisor means a guaranteed seat.

    Returns
    -------
    list of int or None
        Seats, or None when the last seats are too close to call at this precision.
    """
    with localcontext() as context:
        context.prec = 80
        seats = [1 if v > 0 and divisor(0) == 0 else 0 for v in votes]
        if sum(seats) > n_seats:
            return None
        for _ in range(n_seats - sum(seats)):
            quotients = [
                (Decimal(v) / divisor(s) if v > 0 else Decimal(-1))
                for v, s in zip(votes, seats, strict=True)
            ]
            best = max(quotients)
            level = [i for i, q in enumerate(quotients) if abs(q - best) <= best * Decimal("1e-60")]
            if len(level) > 1:
                return None
            seats[level[0]] += 1
        return seats
