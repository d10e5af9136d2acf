"""Scenario batches: one config, many what-ifs, each an entry along a ``scenario`` dim.

A config may list ``[[scenarios]]`` tables.  Each names a scenario and
changes the config's ``rules``, ``model``, inputs (``votes``, ``shares``,
``other_votes``, ``other_shares``, ``list_types``, ``districts``) or
``chamber``; what it does not change, it keeps.  Tables merge key by key
(``rules = { threshold = 0.07 }`` changes the threshold's fraction and keeps
its exemptions; ``votes = { Amanat = 3000000 }`` changes one party's votes),
with two exceptions that replace instead:

- a scenario giving ``votes`` or ``other_votes`` drops the config's
  ``shares`` and ``other_shares``, and one giving percentages drops the
  config's counts;
- a ``districts`` table with a ``file`` drops the config's national
  ballot: the file gives the votes, district by district;
- a ``model`` with another ``kind`` replaces the config's model.

Every scenario must have the same parties, so that their results line up.
Command-line rule flags apply to every scenario.  Only the listed scenarios
run: list the config itself as ``[[scenarios]] name = "baseline"``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from seatcast.engine.config.table import Table
from seatcast.engine.errors import ConfigError

if TYPE_CHECKING:  # reader imports this module: no import back at run time
    from seatcast.engine.config.reader import Config

#: What a ``[[scenarios]]`` table may hold.
SCENARIO_KEYS = (
    "name",
    "rules",
    "model",
    "votes",
    "shares",
    "other_votes",
    "other_shares",
    "list_types",
    "districts",
    "chamber",
)

#: Ballot tables, and the tables of the other kind (counts or percentages) each drops.
DROPS = {
    "votes": ("shares", "other_shares"),
    "other_votes": ("shares", "other_shares"),
    "shares": ("votes", "other_votes"),
    "other_shares": ("votes", "other_votes"),
}

#: What a districts file replaces: the national ballot.
BALLOT_TABLES = ("votes", "shares", "other_votes", "other_shares")


@dataclass(frozen=True)
class Scenario:
    """One scenario of a batch.

    Parameters
    ----------
    name : str
    config : Config
        The config with the scenario's changes, validated like any other.
    """

    name: str
    config: "Config"


def build_scenarios(
    base: dict[str, Any], tables: object, build: Callable[[dict[str, Any]], "Config"]
) -> tuple[Scenario, ...]:
    """The scenarios of a config, each validated as a whole config.

    Parameters
    ----------
    base : dict of str to object
        The parsed config without its ``scenarios``.
    tables : object
        The parsed ``scenarios`` value: a list of tables.
    build : callable
        Validates a parsed config and returns a Config.

    Returns
    -------
    tuple of Scenario

    Raises
    ------
    ConfigError
        Naming the scenario and the key at fault.
    """
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError("scenarios must be a list of tables: [[scenarios]] name = ...")
    if not tables:
        raise ConfigError("[[scenarios]] lists no scenario")
    scenarios = []
    for number, table in enumerate(tables, start=1):
        name = _name(table, number, [scenario.name for scenario in scenarios])
        _check_keys(table, name)
        try:
            config = build(merged(base, table))
        except ConfigError as error:
            raise ConfigError(f"scenario {name!r}: {error}") from None
        scenarios.append(Scenario(name, config))
    _check_same_parties(scenarios)
    return tuple(scenarios)


def merged(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A parsed config with a scenario's changes (see the module's rules)."""
    data = dict(base)
    dropped = [table for key in changes for table in DROPS.get(key, ())]
    if "file" in changes.get("districts", {}):
        dropped += BALLOT_TABLES
    for table in dropped:
        data.pop(table, None)
    for key, value in changes.items():
        if key == "name":
            continue
        old = data.get(key)
        if key == "model" and isinstance(old, dict) and _other_kind(old, value):
            data[key] = value  # another kind of model: its keys are not the old one's
        elif isinstance(old, dict) and isinstance(value, dict):
            data[key] = _merge_tables(old, value, key)
        else:
            data[key] = value
    return data


def _other_kind(model, change):
    return "kind" in change and change["kind"] != model.get("kind")


def _merge_tables(old, new, path):
    out = dict(old)
    for key, value in new.items():
        here = f"{path}.{key}"
        previous = out.get(key)
        if here == "rules.threshold":  # a number is the fraction of a threshold table
            previous = {"fraction": previous} if _is_number(previous) else previous
            value = {"fraction": value} if _is_number(value) and previous is not None else value
        if isinstance(previous, dict) and isinstance(value, dict):
            out[key] = _merge_tables(previous, value, here)
        else:
            out[key] = value
    return out


def _is_number(value):
    return value is not None and not isinstance(value, dict | list | str | bool)


def _name(table, number, taken):
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"[[scenarios]] number {number} needs a name (text), got {name!r}")
    if name in taken:
        raise ConfigError(f"two [[scenarios]] are named {name!r}: names must differ")
    return name


def _check_keys(table, name):
    """Unknown keys refused with a hint, and every change a table."""
    checked = Table(table, f"scenarios {name!r}", SCENARIO_KEYS)
    for key in SCENARIO_KEYS[1:]:
        checked.take(key, dict, None)


def _check_same_parties(scenarios):
    first = scenarios[0]
    parties = _parties(first.config)
    for scenario in scenarios[1:]:
        other = _parties(scenario.config)
        if other != parties:
            missing = [party for party in parties if party not in other]
            extra = [party for party in other if party not in parties]
            what = "; ".join(
                part
                for part in (
                    f"lacks {', '.join(missing)}" if missing else "",
                    f"adds {', '.join(extra)}" if extra else "",
                    "orders them differently" if not (missing or extra) else "",
                )
                if part
            )
            raise ConfigError(
                f"scenario {scenario.name!r} {what}: every scenario must have the parties "
                f"of scenario {first.name!r} ({', '.join(parties)}), in the same order"
            )


def _parties(config):
    """The parties of a scenario's result: on the ballot, then seat holders off it."""
    on_ballot = tuple(config.ballots.parties)
    return on_ballot + tuple(config.chamber.held_only(on_ballot))
