"""A TOML table being read: unknown keys refused up front, each key taken once, its type checked."""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.engine.parsing import as_written

_MISSING = object()


class Table:
    """A TOML table being read: unknown keys are refused up front, each key taken once.

    Parameters
    ----------
    data : dict of str to object
        The parsed table.
    path : str
        Dotted path of the table in the config (``"rules.threshold"``).
    known : sequence of str
        The keys this table may hold; any other is refused with the nearest
        known key as a hint, before anything else is read.
    labels : dict of str to str, optional
        Key to the name the user wrote it under when it came from a
        command-line flag (``{"seats": "--seats"}``).
    """

    def __init__(
        self,
        data: dict[str, Any],
        path: str,
        known: Sequence[str],
        labels: dict[str, str] | None = None,
    ) -> None:
        if not isinstance(data, dict):
            raise ConfigError(f"{path} must be a table, got {data!r}")
        for key in data:
            if key not in known:
                hint = did_you_mean(key, known)
                where = f"in [{path}]" if path else "at the top level"
                raise ConfigError(f"unknown key {key!r} {where}{hint}")
        self._data = dict(data)
        self.path = path
        self._labels = labels or {}

    def label(self, key: str) -> str:
        """How to name ``key`` in a message: its flag, or its dotted path."""
        return self._labels.get(key, f"{self.path}.{key}" if self.path else key)

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def take(self, key: str, kinds: type | tuple[type, ...], default: object = _MISSING) -> Any:
        """Remove and return ``key``, checking its type.

        Parameters
        ----------
        key : str
        kinds : type or tuple of types
            Accepted Python types (``bool`` is never taken for ``int``).
        default : object, optional
            Returned when the key is absent; without it the key is required.

        Returns
        -------
        object
            The value, of one of ``kinds``, or ``default``.
        """
        if key not in self._data:
            if default is _MISSING:
                raise ConfigError(f"missing {self.label(key)}")
            return default
        value = self._data.pop(key)
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            _refuse(self.label(key), value, kinds)
        return value

    def table(self, key: str, known: Sequence[str], default: object = _MISSING) -> "Table | None":
        """Remove and return the sub-table ``key`` as a :class:`Table` of ``known`` keys."""
        data = self.take(key, dict, default)
        return None if data is None else self.child(key, data, known)

    def child(self, key: str, data: dict[str, Any], known: Sequence[str]) -> "Table":
        """Wrap ``data``, taken from ``key``, as a sub-table keeping its flag labels."""
        prefix = key + "."
        labels = {k[len(prefix) :]: v for k, v in self._labels.items() if k.startswith(prefix)}
        return Table(data, self.label(key), known, labels)


def _refuse(label, value, kinds):
    if Decimal in kinds:  # "a number" covers whole numbers too
        kinds = tuple(kind for kind in kinds if kind is not int)
    names = " or ".join(_KIND_NAMES.get(kind, kind.__name__) for kind in kinds)
    raise ConfigError(f"{label} must be {names}, got {as_written(value)}")


_KIND_NAMES = {
    int: "a whole number",
    str: "text",
    bool: "true or false",
    dict: "a table",
    list: "a list",
    Decimal: "a number",
}
