"""The package imports cleanly whichever module a user imports first."""

import subprocess
import sys

import pytest

import seatcast.engine

MODULES = [
    "seatcast.models.logit_normal",
    "seatcast.models.dirichlet",
    "seatcast.models.draws",
    "seatcast.models.nowcast",
    "seatcast.models.snapshots",
    "seatcast.engine.errors",
    "seatcast.engine.cli.main",
]


@pytest.mark.parametrize("module", MODULES)
def test_any_module_imports_first(module):
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)


def test_every_export_resolves():
    for name in seatcast.engine.__all__:
        assert getattr(seatcast.engine, name) is not None
    assert callable(seatcast.engine.nowcast) and callable(seatcast.engine.replay)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        seatcast.engine.nope  # noqa: B018
