"""Bundled configs with their [model] (and other sections) swapped, for plan tests."""

from decimal import Decimal
from pathlib import Path

from seatcast.engine.config.reader import build_config, read_toml

CONFIGS = Path(__file__).resolve().parent.parent / "configs"
KAZAKHSTAN = CONFIGS / "kazakhstan-2023.toml"

#: Official list seats of Kazakhstan 2023, in config order.
KAZAKHSTAN_SEATS = [40, 8, 6, 6, 5, 4, 0]


def decimals(value):
    """Floats in a nested structure as Decimals, as the TOML reader gives them."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {key: decimals(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decimals(item) for item in value]
    return value


def config_with(path=KAZAKHSTAN, **sections):
    """The config at ``path`` with whole sections replaced (``None`` removes one)."""
    data, text = read_toml(path)
    for name, section in sections.items():
        if section is None:
            data.pop(name, None)
        else:
            data[name] = decimals(section)
    return build_config(data, text=text, path=Path(path))


def write_config(tmp_path, text, name="election.toml"):
    """Write a config file and return its path."""
    return write_file(tmp_path / name, text)


def write_file(path, text):
    """Write ``text`` to ``path`` as UTF-8 and return the path."""
    path.write_text(text, encoding="utf-8")
    return path
