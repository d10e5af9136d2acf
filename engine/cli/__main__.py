"""``python -m seatcast.engine.cli``: the ``seatcast`` command."""

from seatcast.engine.cli.main import console

console()
