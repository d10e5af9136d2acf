"""Start-up: the `seatcast` command as a user waits for it, beside Python importing its own stack.

Each benchmark starts a fresh interpreter.  The bars compare
:class:`SeatcastCommand` with :class:`PythonImports`: ``seatcast --help``
and a mistake in the input within 3 times ``import numpy``; a run of 10^4
draws (Kazakhstan 2023) within 1.8 times ``import numba, xarray``.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import scaled

CONFIGS = Path(__file__).resolve().parents[1] / "configs"


def _seatcast(*args, status=0):
    command = [sys.executable, "-m", "seatcast.engine.cli", *args]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == status, done.stderr


class SeatcastCommand:
    """`seatcast --help`, a config with a mistake in it, and a run of 10^4 draws."""

    number = 1
    repeat = 5

    def setup(self):
        self.folder = tempfile.TemporaryDirectory()
        folder = Path(self.folder.name)
        self.output = folder / "out.nc"
        self.bad = folder / "bad.toml"
        self.bad.write_text('[rules]\nseats = 5\nmethod = "hare"\n[votes]\nA = "x"\n')
        # A first run loads (or compiles) the kernel cache.
        _seatcast("run", str(CONFIGS / "kazakhstan-2023.toml"), "--draws", "100",
                  "-o", str(self.output), "--quiet")  # fmt: skip

    def teardown(self):
        self.folder.cleanup()

    def time_help(self):
        _seatcast("--help")

    def time_bad_input(self):
        _seatcast("run", str(self.bad), "-o", str(self.output), status=2)

    def time_run_10k_draws(self):
        _seatcast("run", str(CONFIGS / "kazakhstan-2023.toml"), "--draws", str(scaled(10_000)),
                  "--threads", "2", "--seed", "1", "-o", str(self.output), "--quiet")  # fmt: skip


class PythonImports:
    """A fresh interpreter importing NumPy, and numba with xarray: what the bars compare with."""

    number = 1
    repeat = 5

    def time_import_numpy(self):
        subprocess.run([sys.executable, "-c", "import numpy"], check=True)

    def time_import_numba_xarray(self):
        subprocess.run([sys.executable, "-c", "import numba, xarray"], check=True)
