"""numba kernels that every draw runs: seat allocation by method family.

The lowest layer of the engine: it imports nothing of seatcast but errors.
"""
