"""numba options shared by every engine kernel."""

#: Compiled functions: no GIL (threads run chunks side by side), cached on
#: disk, and numpy's error model (a division by zero gives inf, not an exception).
JIT = {"nogil": True, "cache": True, "error_model": "numpy"}

#: Per-draw helpers, inlined into their callers at numba's level: a call per
#: draw, with its array arguments, costs more than a small allocation.
INLINE = {**JIT, "inline": "always"}

#: Hot loops that make no array and return none: compiled without numba's
#: reference counting, which would otherwise add an atomic increment and
#: decrement per array argument of every inlined helper, per draw (a fifth of
#: the run time of a national run).  Every array they touch belongs to their
#: caller, which outlives the call; numba refuses to compile one that allocates.
BORROWED = {**JIT, "_nrt": False}
