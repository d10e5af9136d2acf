"""Defaults of a run that the command line shows before any config is read."""

#: Draws of a run when neither the config's ``[run]`` nor ``--draws`` says.
DEFAULT_DRAWS = 1_000_000

#: Draws per chunk: each chunk has its own random stream and tallies.
DEFAULT_CHUNK_SIZE = 100_000
