"""Shared pytest settings: hypothesis runs without deadlines (numba compiles lazily)."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "seatcast",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("seatcast")
