"""The chamber a result is judged against: its size, its majority, seats won elsewhere.

By default the chamber is the seats being allocated and a majority is more
than half of them.  A mixed system elects some seats elsewhere (Kazakhstan:
29 single-mandate districts next to 69 list seats); ``held`` adds a party's
seats from there before its majority is judged.
"""

from dataclasses import dataclass, field

from seatcast.engine.errors import ConfigError


@dataclass(frozen=True)
class Chamber:
    """Chamber size, majority and seats held outside the allocation.

    Parameters
    ----------
    seats : int
        Seats in the whole chamber.
    majority : int
        Seats a party or coalition needs.
    held : dict
        Party name to seats won outside this allocation.
    """

    seats: int
    majority: int
    held: dict = field(default_factory=dict)

    def need(self, parties):
        """Seats from the allocation that ``parties`` together need for a majority."""
        return self.majority - sum(self.held.get(party, 0) for party in parties)

    def resized(self, extra):
        """This chamber with ``extra`` more seats allocated (fewer if negative).

        Seats held elsewhere stay.  A majority of more than half stays more
        than half; any other majority (two thirds, say) keeps its share of
        the chamber, rounded up.

        Parameters
        ----------
        extra : int

        Returns
        -------
        Chamber
        """
        seats = self.seats + extra
        if self.majority == self.seats // 2 + 1:
            majority = seats // 2 + 1
        else:
            majority = -(-self.majority * seats // self.seats)
        return Chamber(seats, majority, self.held)


def build_chamber(n_seats, parties, *, seats=None, majority=None, held=None):
    """Validate a chamber for an allocation of ``n_seats`` among ``parties``.

    Parameters
    ----------
    n_seats : int
        Seats being allocated.
    parties : tuple of str
    seats : int, optional
        Chamber size; ``n_seats`` plus the held seats by default.
    majority : int, optional
        Seats needed; more than half the chamber by default.
    held : dict, optional
        Party name to seats held outside the allocation.

    Returns
    -------
    Chamber
    """
    held = dict(held or {})
    for party, count in held.items():
        if party not in parties:
            raise ConfigError(f"chamber.held names {party!r}, which is not among the parties")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ConfigError(f"chamber.held.{party} must be a whole number >= 0, got {count!r}")
    least = n_seats + sum(held.values())
    seats = least if seats is None else seats
    if seats < least:
        raise ConfigError(
            f"chamber.seats is {seats}, fewer than the {n_seats} allocated"
            + (f" plus {least - n_seats} held" if held else "")
        )
    majority = seats // 2 + 1 if majority is None else majority
    if not 1 <= majority <= seats:
        raise ConfigError(f"chamber.majority must be between 1 and {seats}, got {majority}")
    return Chamber(seats, majority, held)


def check_coalitions(coalitions, parties):
    """Validate ``{name: [party, ...]}``; returns ``{name: tuple of parties}``."""
    checked = {}
    for name, members in coalitions.items():
        label = f"coalitions.{name}"
        if not isinstance(members, list) or not members:
            raise ConfigError(f"{label} must be a list of party names")
        for party in members:
            if party not in parties:
                raise ConfigError(f"{label} names {party!r}, which is not among the parties")
        if len(set(members)) != len(members):
            raise ConfigError(f"{label} names a party twice")
        checked[name] = tuple(members)
    return checked
