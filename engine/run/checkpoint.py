"""Checkpoints: the chunks a run has finished, saved as it goes, so a killed run resumes.

A checkpoint directory holds one file, ``checkpoint.npz``: the summed tallies
of each scenario's finished chunks, the (scenario, chunk) units done, and the
run's identity (config, rules, model, seed, draws, chunk size, chunk range).
It is rewritten atomically at most once per :data:`SAVE_INTERVAL` seconds
while the run goes on, and once at the end.  A run given the same directory
adds only the chunks not yet in it; since chunks are independent and counts add, the result is
identical to an uninterrupted run.  A directory from another run is refused.
"""

import io
import json
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.results.files import write_atomically
from seatcast.engine.run.chunk import Tallies

if TYPE_CHECKING:
    from seatcast.engine.run.runner import RunningTotal

#: The file in a checkpoint directory.
FILE_NAME = "checkpoint.npz"

#: Least seconds between two saves while a run goes on.
SAVE_INTERVAL = 1.0


class Checkpoint:
    """A run's finished chunks on disk.

    Parameters
    ----------
    directory : str or Path
        Created if missing (its parent must exist).
    identity : dict of str to object
        What makes two runs the same run; JSON-serialisable.
    """

    def __init__(self, directory: str | Path, identity: dict[str, object]) -> None:
        self.directory = Path(directory)
        self.identity = json.loads(json.dumps(identity))
        self.path = self.directory / FILE_NAME
        self._saved_at = time.monotonic()
        if self.directory.exists() and not self.directory.is_dir():
            raise ConfigError(f"--checkpoint {self.directory} is a file, not a directory")
        if not self.directory.parent.is_dir():
            raise ConfigError(
                f"--checkpoint {self.directory}: directory {self.directory.parent} does not exist"
            )
        self.directory.mkdir(exist_ok=True)

    def resume(self, tallies: list[Tallies]) -> tuple[list[Tallies], tuple[tuple[int, int], ...]]:
        """The saved sums and units done, or ``tallies`` and none when nothing is saved.

        Parameters
        ----------
        tallies : list of Tallies
            Zeroed tallies of this run, one per scenario, for the shapes.

        Returns
        -------
        (list of Tallies, tuple of (int, int))

        Raises
        ------
        ConfigError
            If the checkpoint belongs to another run or cannot be read.
        """
        if not self.path.exists():
            return tallies, ()
        try:
            with np.load(self.path, allow_pickle=False) as saved:
                self._check_identity(json.loads(str(saved["identity"])))
                loaded = [
                    Tallies(**{name: saved[_key(k, name)] for name in Tallies._fields})
                    for k in range(len(tallies))
                ]
                done = tuple((int(k), int(index)) for k, index in saved["done"])
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as error:
            raise ConfigError(
                f"cannot read checkpoint {self.path} ({error}); delete it to start afresh"
            ) from None
        for zeros, parts in zip(tallies, loaded, strict=True):
            for name, zero, part in zip(Tallies._fields, zeros, parts, strict=True):
                if zero.shape != part.shape:
                    raise ConfigError(f"checkpoint {self.path} has {name} of another shape")
        return loaded, done

    def save_soon(self, total: "RunningTotal") -> None:
        """Save ``total`` if :data:`SAVE_INTERVAL` seconds have passed since the last save."""
        if time.monotonic() - self._saved_at >= SAVE_INTERVAL:
            self.save(total)

    def save(self, total: "RunningTotal") -> None:
        """Save a :class:`~seatcast.engine.run.runner.RunningTotal` now, atomically."""
        arrays = {
            _key(k, name): part
            for k, tallies in enumerate(total.tallies)
            for name, part in zip(Tallies._fields, tallies, strict=True)
        }
        arrays["done"] = np.array(sorted(total.done), dtype=np.int64).reshape(-1, 2)
        arrays["identity"] = np.array(json.dumps(self.identity, sort_keys=True))

        data = io.BytesIO()
        np.savez(data, **arrays)
        write_atomically(self.path, data.getvalue())
        self._saved_at = time.monotonic()

    def _check_identity(self, saved):
        for key in sorted(set(saved) | set(self.identity)):
            if saved.get(key) != self.identity.get(key):
                raise ConfigError(
                    f"checkpoint {self.directory} is from another run (its {key} differs); "
                    "give the same command as the run that made it, or a new directory"
                )


def _key(scenario, name):
    """The array name of one scenario's tallies in the file."""
    return f"scenario{scenario}_{name}"
