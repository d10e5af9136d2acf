"""The contract every model meets: what the engine reads from a model of the final votes.

A model kind is a module with a frozen dataclass meeting :class:`Model`, the
named tuple its :meth:`~Model.kernel_params` returns, and a numba drawer for
that tuple; it is listed once in :mod:`seatcast.models.registry`.
"""

from typing import ClassVar, NamedTuple, Protocol, runtime_checkable


@runtime_checkable
class Model(Protocol):
    """A model of the final votes, as the engine uses it.

    Attributes
    ----------
    names : tuple of str
        The components a draw holds: the parties in config order, then the
        no-seat options.
    kind : str
        The model's kind, for provenance (``nowcast`` for election-night models).
    votes_are_counts : bool
        Whether a draw is ballots rather than shares: the kernels then read
        whole vote totals as they are (Droop's quota rounds votes).
    n_available : int or None
        How many draws the model holds, when it holds a fixed number (a table
        of draws); None when it draws without limit.
    """

    names: tuple[str, ...]
    kind: ClassVar[str]
    votes_are_counts: ClassVar[bool]

    @property
    def n_available(self) -> int | None:
        """How many draws the model holds; None when it draws without limit."""

    def kernel_params(self) -> NamedTuple:
        """The plain arrays its drawer reads, as a named tuple the registry knows."""

    def describe(self) -> str:
        """One line for summaries and provenance."""


class DrawsShares:
    """Defaults for a model whose draws are shares, without limit."""

    votes_are_counts: ClassVar[bool] = False
    n_available: ClassVar[None] = None


class DrawsCounts:
    """Defaults for a model whose draws are ballots (an election-night model), without limit."""

    votes_are_counts: ClassVar[bool] = True
    n_available: ClassVar[None] = None
