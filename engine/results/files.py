"""Results on disk: netCDF written atomically, and read back with clear errors.

A file is made whole in memory first, then written to a temporary file
beside the target (``.NAME.HOST.PID.*.part``) and renamed over it only once
complete, so an interrupted or failed write never leaves a half-written
result.  A write the system refuses (no space left on device) removes the
temporary file and raises :class:`~seatcast.engine.errors.WriteError`; the
netCDF library never sees the full disk.  Temporary files that a killed run
of this host left behind are removed by the next write to the same path.
"""

import glob
import os
import shutil
import socket
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from seatcast.engine.errors import ConfigError, WriteError
from seatcast.engine.input_files import check_not_an_input, claim_output, note_input

if TYPE_CHECKING:
    import xarray as xr

#: Variables a file must hold to be read as a seatcast result.
_REQUIRED = ("seat_count", "pass_count", "draws")

#: Attributes it must hold, what summaries, reports and combine read; a batch
#: of scenarios holds some of them as variables along ``scenario``.
_REQUIRED_ATTRS = (
    "seed",
    "chunks",
    "n_chunks",
    "rules",
    "model",
    "chamber_seats",
    "majority",
    "supermajority",
)

#: This host's name as it appears in temporary file names.
_HOST = socket.gethostname().replace(".", "-") or "host"


def write_results(dataset: "xr.Dataset", path: str | Path) -> None:
    """Write ``dataset`` to ``path`` as netCDF (h5netcdf), atomically.

    Parameters
    ----------
    dataset : xarray.Dataset
    path : str or Path
    """
    write_atomically(path, _netcdf_bytes(dataset))


def _netcdf_bytes(dataset):
    """The netCDF file of ``dataset``, made in memory.

    Outside any Dask client: xarray would take a cluster-wide lock named
    after the file, which a file in memory does not have.
    """
    dask = sys.modules.get("dask")
    scheduler = dask.config.set(scheduler="synchronous") if dask is not None else nullcontext()
    with scheduler:
        return bytes(dataset.to_netcdf(engine="h5netcdf"))


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a temporary file and rename it to ``path`` once complete.

    Parameters
    ----------
    path : str or Path
    data : bytes
        The whole file.

    Raises
    ------
    WriteError
        If the system refuses the write (the temporary file is removed).
    """
    path = Path(path)
    check_writable(path)
    check_not_an_input(path)
    _remove_stale_parts(path)
    free = shutil.disk_usage(path.parent).free
    if free < len(data):
        raise WriteError(
            f"cannot write {path}: it needs {len(data):,} bytes and the device has {free:,} free"
        )
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{_HOST}.{os.getpid()}.", suffix=".part", dir=path.parent
        )
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file private; give it the mode any new file would have.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        _discard(temporary)
        raise WriteError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        _discard(temporary)
        raise


def _discard(temporary):
    if temporary is not None:
        Path(temporary).unlink(missing_ok=True)


def _remove_stale_parts(path):
    """Remove temporary files that gone processes of this host left writing ``path``."""
    prefix = f".{path.name}.{_HOST}."
    pattern = os.path.join(glob.escape(str(path.parent)), glob.escape(prefix) + "*.part")
    for stale in glob.glob(pattern):
        pid = Path(stale).name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            Path(stale).unlink(missing_ok=True)


def _alive(pid):
    """Whether process ``pid`` exists on this host."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask():
    """The process's umask (read by setting it, then put back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_writable(path: str | Path, flag: str = "-o") -> None:
    """Refuse, before any work, an output path that cannot be written.

    Parameters
    ----------
    path : str or Path
    flag : str
        The option that named it, for messages.
    """
    if not str(path).strip():
        raise ConfigError(f"{flag} is empty; give a file name")
    if str(path).endswith(("/", os.sep)) and not Path(path).is_dir():
        raise ConfigError(f"{flag} {path} names a folder that does not exist; give a file name")
    path = Path(path)
    if path.is_dir():
        raise ConfigError(
            f"output {path} is a directory; give a file name such as {path / 'seats.nc'}"
        )
    if path.exists() and not path.is_file():
        # A device such as /dev/null, or a pipe: the rename would replace it with a file.
        raise ConfigError(f"output {path} is not a regular file; give a file name")
    parent = path.parent
    if not parent.is_dir():
        raise ConfigError(f"output directory does not exist: {parent}")
    if not os.access(parent, os.W_OK):
        raise ConfigError(f"cannot write to output directory: {parent}")


def check_output(path: str | Path, flag: str = "-o", suffix: str | None = None) -> None:
    """Refuse, before any work, an output the command cannot or must not write.

    It must be writable (:func:`check_writable`), carry ``suffix`` when one is
    required, and be neither a file the command reads nor another of its
    outputs (:func:`~seatcast.engine.input_files.claim_output`).

    Parameters
    ----------
    path : str or Path
    flag : str
        The option naming it, for messages.
    suffix : str, optional
        The file type it must have, such as ``".png"``.
    """
    check_writable(path, flag)
    claim_output(path, flag)
    if suffix is not None and Path(path).suffix.lower() != suffix:
        raise ConfigError(
            f"{flag} {path}: seatcast writes {suffix[1:].upper()} files; "
            f"give a name ending in {suffix}"
        )


def open_results(path: str | Path) -> "xr.Dataset":
    """Read a result written by ``seatcast run``.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    xarray.Dataset
        Loaded into memory (the file is closed).
    """
    import xarray as xr

    from seatcast.engine.results.scenarios import PER_SCENARIO

    path = Path(path)
    if path.is_dir():
        raise ConfigError(f"result {path} is a directory; give a netCDF file")
    if not path.is_file():
        raise ConfigError(f"result file not found: {path}")
    note_input(path)
    try:
        with xr.open_dataset(path, engine="h5netcdf") as dataset:
            dataset = dataset.load()
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path} is not a netCDF file seatcast can read ({error})") from None
    missing = [name for name in _REQUIRED if name not in dataset]
    if missing:
        raise ConfigError(f"{path} is not a seatcast result (no {', '.join(missing)})")
    missing = [
        name
        for name in _REQUIRED_ATTRS
        if name not in dataset.attrs and PER_SCENARIO.get(name) not in dataset
    ]
    if missing:
        raise ConfigError(
            f"{path} is not a whole seatcast result: it has no attribute {', '.join(missing)}"
        )
    return dataset
