"""Results on disk: netCDF written atomically, and read back with clear errors.

A result is written to a temporary file beside the target and renamed over
it only when complete, so an interrupted or failed write never leaves a
half-written result (nor a stray temporary file).
"""

import os
import tempfile
from pathlib import Path

from seatcast.engine.errors import ConfigError

#: Variables a file must hold to be read as a seatcast result.
_REQUIRED = ("seat_count", "pass_count", "draws")


def write_results(dataset, path):
    """Write ``dataset`` to ``path`` as netCDF (h5netcdf), atomically.

    Parameters
    ----------
    dataset : xarray.Dataset
    path : str or Path
    """
    write_atomically(path, lambda temporary: dataset.to_netcdf(temporary, engine="h5netcdf"))


def write_atomically(path, write):
    """Call ``write(temporary)`` and rename the temporary file to ``path`` once it returns.

    Parameters
    ----------
    path : str or Path
    write : callable
        Writes the whole file at the path it is given.
    """
    path = Path(path)
    check_writable(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        write(temporary)
        # mkstemp makes the file private; give it the mode any new file would have.
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask():
    """The process's umask (read by setting it, then put back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_writable(path):
    """Refuse, before any work, an output path that cannot be written."""
    path = Path(path)
    if path.is_dir():
        raise ConfigError(
            f"output {path} is a directory; give a file name such as {path / 'seats.nc'}"
        )
    parent = path.parent
    if not parent.is_dir():
        raise ConfigError(f"output directory does not exist: {parent}")
    if not os.access(parent, os.W_OK):
        raise ConfigError(f"cannot write to output directory: {parent}")


def open_results(path):
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

    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"result file not found: {path}")
    try:
        with xr.open_dataset(path, engine="h5netcdf") as dataset:
            dataset = dataset.load()
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path} is not a netCDF file seatcast can read ({error})") from None
    missing = [name for name in _REQUIRED if name not in dataset]
    if missing:
        raise ConfigError(f"{path} is not a seatcast result (no {', '.join(missing)})")
    return dataset
