"""The ``seatcast`` command line."""
