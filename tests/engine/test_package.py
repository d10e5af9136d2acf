"""The package imports cleanly whichever module a user imports first."""

import importlib
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


def test_every_export_is_the_object_its_module_defines():
    exports = seatcast.engine._EXPORTS
    for name, module in exports.items():
        defined = getattr(importlib.import_module(f"seatcast.engine.{module}"), name)
        assert getattr(seatcast.engine, name) is defined, name
    assert sorted(seatcast.engine.__all__) == sorted([*exports, "__version__"])
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        seatcast.engine.nope  # noqa: B018


def test_importing_the_command_line_loads_neither_matplotlib_nor_distributed():
    """Plots and clusters are imported when used: ``seatcast --help`` does not wait for them."""
    code = (
        "import sys, seatcast.engine.cli.main\n"
        "print(sorted(m for m in sys.modules if m.startswith(('matplotlib', 'distributed'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_a_mistake_in_the_votes_is_reported_without_loading_numba(tmp_path):
    """Start-up: the kernels load only once the inputs are known to be good."""
    bad = tmp_path / "bad.toml"
    bad.write_text('[rules]\nseats = 5\nmethod = "hare"\n[votes]\nA = "x"\n', encoding="utf-8")
    code = (
        "import sys\n"
        "from seatcast.engine.cli.main import main\n"
        f"status = main(['run', {str(bad)!r}, '-o', {str(tmp_path / 'out.nc')!r}])\n"
        "print(status, sorted(m for m in ('numba', 'xarray') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "2 []"
    assert done.stderr == "seatcast: error: votes.A must be a number, got 'x'\n"
