"""Run every asv benchmark once, with its first parameters and few draws, so that none rots."""

import importlib
import inspect
import itertools
import pkgutil

import pytest

import benchmarks

PREFIXES = ("time_", "peakmem_", "mem_", "track_")


def _cases():
    for info in pkgutil.iter_modules(benchmarks.__path__):
        module = importlib.import_module(f"benchmarks.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for method in (m for m in dir(cls) if m.startswith(PREFIXES)):
                yield pytest.param(cls, method, id=f"{info.name}.{name}.{method}")


@pytest.mark.parametrize(("cls", "method"), list(_cases()))
def test_benchmark_runs_once(cls, method, monkeypatch):
    monkeypatch.setenv("SEATCAST_BENCHMARK_SMOKE", "1")  # benchmarks.scaled: 1,000 draws
    params = getattr(cls, "params", [])
    if params and not isinstance(params[0], list):
        params = [params]
    args = next(itertools.product(*params)) if params else ()
    instance = cls()
    if hasattr(instance, "setup"):
        instance.setup(*args)
    getattr(instance, method)(*args)
    if hasattr(instance, "teardown"):
        instance.teardown(*args)
