"""TOML configs: read strictly, validated key by key, with the offending key named.

A config holds the rules and official results of one election and, as more of
seatcast is used, sections for later stages.  Every key is checked: a key
that no section defines is refused with the nearest known key as a hint,
rather than silently ignored.  Floats are read as :class:`~decimal.Decimal`,
so thresholds and shares keep their exact decimal text.

Layout::

    [election]           name, date, source, notes (all optional text)
    [rules]              seats, method, first_divisor, ties, tie_seed, threshold
    [rules.threshold]    fraction, base, strict, exempt, by_type, by_party,
                         alternative (seats won elsewhere that let a party in),
                         elsewhere (party = seats; [chamber] held by default)
                         (or ``threshold = 0.05`` directly in [rules])
    [votes]              party = count, in list order   } one of the three
    [shares]             party = percent                }
    [districts]          file (CSV: district,seats,party,votes[,kind]),
                         threshold (a share of each district's votes), pool
                         (a quota method: whole quotas in the districts, the
                         remainders pooled nationally; see
                         :mod:`seatcast.engine.rules.remainder_pool`); see
                         :mod:`seatcast.engine.rules.districts` }
    [other_votes]        no-seat option = count (with [votes])
    [other_shares]       no-seat option = percent (with [shares])
    [list_types]         party = "coalition" (default "party")
    [model]              the vote-share model of ``seatcast run``; see
                         :mod:`seatcast.models.registry`
    [chamber]            seats, majority, supermajority, held (party = seats won
                         elsewhere; names not on the ballot, such as
                         independents, may hold seats too), held_by_district
                         (district = { name = seats }, instead of held),
                         tier, held_tier, linkage (how the tiers add up; see
                         :mod:`seatcast.engine.rules.linkage`)
    [constituencies]     file (CSV: constituency,party,votes[,seats]), rule,
                         seats, tier, sd, swing: a constituency tier that
                         ``seatcast run`` simulates; see
                         :mod:`seatcast.engine.rules.constituencies`
    [coalitions]         name = [party, ...], judged against the majority
    [run]                draws, seed, chunk_size (flags of ``seatcast run`` win)
    [cluster]            where ``seatcast run --backend dask`` runs chunks; see
                         :mod:`seatcast.engine.run.clusters`
    [sweep]              threshold, method, seats: rules to evaluate on the same
                         draws; see :mod:`seatcast.engine.config.sweep`
    [nowcast]            an election-night config instead of [votes] and [model]:
                         see :mod:`seatcast.models.nowcast_config`
    [[scenarios]]        name, and changes to rules, model, votes, shares,
                         other_votes, other_shares, list_types, districts,
                         chamber: a batch of what-ifs run on the same draws;
                         see :mod:`seatcast.engine.config.scenarios`
"""

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from seatcast.engine.config.cluster import CLUSTER_KEYS, ClusterSettings, read_cluster
from seatcast.engine.config.defaults import DEFAULT_CHUNK_SIZE
from seatcast.engine.config.scenarios import Scenario, build_scenarios
from seatcast.engine.config.sweep import (
    NO_SWEEP,
    SWEEP_KEYS,
    Sweep,
    method_values,
    read_sweep,
    seat_values,
)
from seatcast.engine.config.table import Table
from seatcast.engine.errors import ConfigError
from seatcast.engine.input_files import opening_errors
from seatcast.engine.parsing import MAX_SEED, positive_count, to_count, to_fraction
from seatcast.engine.rules.ballots import Ballots, ballots_from_counts, ballots_from_shares
from seatcast.engine.rules.chamber import (
    DEFAULT_HELD_TIER,
    DEFAULT_TIER,
    Chamber,
    build_chamber,
    check_coalitions,
)
from seatcast.engine.rules.constituencies import (
    CONSTITUENCY_KEYS,
    Constituencies,
    read_constituencies,
)
from seatcast.engine.rules.districts import read_district_seats, read_districts_csv
from seatcast.engine.rules.linkage import DEFAULT_LINKAGE
from seatcast.engine.rules.methods import get_method
from seatcast.engine.rules.system import ElectionSystem
from seatcast.engine.rules.thresholds import Threshold, check_threshold_fraction
from seatcast.engine.rules.ties import TiePolicy
from seatcast.models.contract import Model
from seatcast.models.nowcast_config import NOWCAST_KEYS, NowcastSettings, read_nowcast

_NUMBER_OR_TEXT = (int, Decimal, str)


@dataclass(frozen=True)
class ElectionInfo:
    """Descriptive text about the election: never used in computation."""

    name: str = ""
    date: str = ""
    source: str = ""
    notes: str = ""


#: Draws and chunk size of a run that sets neither.


@dataclass(frozen=True)
class RunSettings:
    """How a simulation runs; flags of ``seatcast run`` override them.

    Parameters
    ----------
    draws : int or None
        Draws to make (``None``: the default, or all of a draws file).
    seed : int or None
        Seed of the run (``None``: a fresh one, recorded in the output).
    chunk_size : int
        Draws per chunk; results depend on it, as on the seed.
    indices : bool or None
        Whether to tally the effective number of parties and Gallagher's
        index of every draw (``None``: only when the run sweeps rules).
    """

    draws: int | None = None
    seed: int | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    indices: bool | None = None


@dataclass(frozen=True)
class Config:
    """A validated config.

    Parameters
    ----------
    election : ElectionInfo
    system : ElectionSystem
    ballots : Ballots
    text : str
        The config file verbatim (empty for ad hoc input), kept for provenance.
    path : Path or None
    model : Model or None
        The vote-share model of ``[model]``, if any.
    chamber : Chamber or None
    coalitions : dict of str to tuple of str
        Coalition name to a tuple of parties.
    run : RunSettings
    nowcast : NowcastSettings or None
        The ``[nowcast]`` section; its ballots then hold no votes until a
        snapshot gives them.
    sweep : Sweep
        The ``[sweep]`` section: rules ``seatcast run`` evaluates besides the
        configured ones.
    cluster : ClusterSettings
        The ``[cluster]`` section, for ``--backend dask``.
    scenarios : tuple of Scenario
        The ``[[scenarios]]`` tables, each a whole config; ``seatcast run``
        runs these instead of the config itself when there are any.
    constituencies : Constituencies or None
        The ``[constituencies]`` tier, simulated by ``seatcast run``.
    """

    election: ElectionInfo
    system: ElectionSystem
    ballots: Ballots
    text: str = ""
    path: Path | None = None
    model: Model | None = None
    chamber: Chamber | None = None
    coalitions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    run: RunSettings = RunSettings()
    nowcast: NowcastSettings | None = None
    sweep: Sweep = NO_SWEEP
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    scenarios: tuple[Scenario, ...] = ()
    constituencies: Constituencies | None = None


TOP_LEVEL_KEYS = (
    "election",
    "rules",
    "votes",
    "shares",
    "other_votes",
    "other_shares",
    "list_types",
    "model",
    "chamber",
    "coalitions",
    "run",
    "nowcast",
    "sweep",
    "districts",
    "cluster",
    "scenarios",
    "constituencies",
)
_ELECTION_KEYS = ("name", "date", "source", "notes")
_RULES_KEYS = ("seats", "method", "first_divisor", "ties", "tie_seed", "threshold")
_THRESHOLD_KEYS = (
    "fraction",
    "base",
    "strict",
    "exempt",
    "by_type",
    "by_party",
    "alternative",
    "elsewhere",
)
_CHAMBER_KEYS = (
    "seats",
    "majority",
    "supermajority",
    "held",
    "held_by_district",
    "tier",
    "held_tier",
    "linkage",
)
_DISTRICTS_KEYS = ("file", "threshold", "pool")
_RUN_KEYS = ("draws", "seed", "chunk_size", "indices")


def read_toml(path: str | Path) -> tuple[dict[str, Any], str]:
    """Parse a TOML file with exact decimals; any problem becomes a :class:`ConfigError`.

    Returns the parsed data and the text of the file.
    """
    path = Path(path)
    with opening_errors(path, "config file"):
        text = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text, parse_float=Decimal), text
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"malformed TOML in {path}: {error}") from None


def load_config(
    path: str | Path, overrides: Mapping[str, tuple[object, str]] | None = None
) -> Config:
    """Read and validate a config file.

    Parameters
    ----------
    path : str or Path
    overrides : mapping of str to (object, str), optional
        ``{dotted key: (value, flag)}`` from the command line, replacing the
        config's value (``{"rules.method": ("dhondt", "--method")}``).

    Returns
    -------
    Config
    """
    data, text = read_toml(path)
    return build_config(data, overrides=overrides, text=text, path=Path(path))


def build_config(
    data: dict[str, Any],
    *,
    overrides: Mapping[str, tuple[object, str]] | None = None,
    labels: Mapping[str, str] | None = None,
    text: str = "",
    path: Path | None = None,
) -> Config:
    """Validate a parsed config (or ad hoc input shaped like one).

    Parameters
    ----------
    data : dict of str to object
        Parsed TOML, or the same structure built from command-line flags.
    overrides : mapping of str to (object, str), optional
        ``{dotted key: (value, flag)}``, applied on top of ``data``.
    labels : mapping of str to str, optional
        ``{dotted key: flag}`` for keys that come from flags, so that a
        missing or bad value is reported under the flag's name.
    text : str
        The config verbatim, for provenance.
    path : Path, optional

    Returns
    -------
    Config
    """
    if "scenarios" in data:
        return _with_scenarios(data, overrides=overrides, labels=labels, text=text, path=path)
    data, flag_labels = _apply_overrides(data, overrides or {})
    labels = {**(labels or {}), **flag_labels}
    _rules_from_sweep(data, labels)
    root = Table(data, "", TOP_LEVEL_KEYS, labels)
    election = _read_election(root.table("election", _ELECTION_KEYS, {}))
    rules = root.table("rules", _RULES_KEYS, None)
    if rules is None:
        raise ConfigError("missing [rules] (seats and method at least)")
    base_dir = path.parent if path is not None else Path.cwd()
    nowcast = _read_nowcast(root, base_dir)
    districts = _read_districts(root, base_dir, nowcast)
    system = _read_rules(rules, districts)
    if nowcast is not None:
        ballots = _nowcast_ballots(root, nowcast)
    elif districts is not None:
        ballots = _district_ballots(root, districts)
    else:
        ballots = _read_ballots(root)
    system.threshold.check_parties(ballots)
    constituencies = _read_constituencies(root, base_dir, system, ballots, nowcast)
    chamber = _read_chamber(root, system, ballots.parties, constituencies)
    system = _seats_elsewhere(system, chamber, ballots.parties)
    coalitions = check_coalitions(root.take("coalitions", dict, {}), ballots.parties)
    run = _read_run(root.table("run", _RUN_KEYS, {}))
    cluster = read_cluster(root.table("cluster", CLUSTER_KEYS, None))
    sweep = _read_sweep(root, system, nowcast)
    if districts is not None and sweep.seats:
        raise ConfigError(
            "a seats sweep does not go with [districts]: each district's seats are fixed"
        )
    model = _read_model(root, ballots, base_dir, districts)
    return Config(
        election=election,
        system=system,
        ballots=ballots,
        text=text,
        path=path,
        model=model,
        chamber=chamber,
        coalitions=coalitions,
        run=run,
        nowcast=nowcast,
        sweep=sweep,
        cluster=cluster,
        constituencies=constituencies,
    )


def _with_scenarios(data, **options):
    """The config itself (which must be whole) with its scenarios, flags applied to each."""
    base = {key: value for key, value in data.items() if key != "scenarios"}
    config = build_config(base, **options)
    if config.nowcast is not None:
        raise ConfigError(
            "[[scenarios]] does not go with [nowcast]: scenarios are batches of seatcast run"
        )
    scenarios = build_scenarios(base, data["scenarios"], lambda d: build_config(d, **options))
    return replace(config, scenarios=scenarios)


def _rules_from_sweep(data, labels):
    """Seats or a method that only a sweep gives: the rules take its first value."""
    sweep, rules = data.get("sweep"), data.get("rules")
    if not isinstance(sweep, dict) or not isinstance(rules, dict):
        return
    for key, first in (("seats", _first_seats), ("method", _first_method)):
        if key not in rules and key in sweep:
            label = labels.get(f"sweep.{key}", f"sweep.{key}")
            data["rules"] = rules = {**rules, key: first(sweep[key], label)}
            labels.setdefault(f"rules.{key}", label)


def _first_seats(value, label):
    return seat_values(value, label)[0]


def _first_method(value, label):
    return method_values(value, label)[0].name


def _apply_overrides(data, overrides):
    data = {key: dict(value) if isinstance(value, dict) else value for key, value in data.items()}
    labels = {}
    for dotted, (value, flag) in overrides.items():
        *parents, leaf = dotted.split(".")
        table = data
        for parent in parents:
            existing = table.get(parent, {})
            if not isinstance(existing, dict):  # e.g. rules.threshold given as a number
                existing = {"fraction": existing} if parent == "threshold" else {}
            table[parent] = dict(existing)
            table = table[parent]
        table[leaf] = value
        labels[dotted] = flag
    return data, labels


def _read_election(table):
    return ElectionInfo(**{key: table.take(key, str, "") for key in _ELECTION_KEYS})


def _read_rules(rules, districts):
    if districts is None:
        n_seats = rules.take("seats", int)
    else:
        n_seats = rules.take("seats", int, districts.n_seats)
    first = rules.take("first_divisor", _NUMBER_OR_TEXT, None)
    first = None if first is None else to_fraction(first, key=rules.label("first_divisor"))
    method = get_method(rules.take("method", str), first_divisor=first, key=rules.label("method"))
    tie_policy = TiePolicy(rules.take("ties", str, "error"), rules.take("tie_seed", int, 0))
    threshold = _read_threshold(rules)
    return ElectionSystem(n_seats, method, threshold, tie_policy, districts)


def _read_threshold(rules):
    if "threshold" not in rules:
        return Threshold()
    value = rules.take("threshold", (*_NUMBER_OR_TEXT, dict))
    if not isinstance(value, dict):
        return Threshold(to_fraction(value, key=rules.label("threshold")))
    table = rules.child("threshold", value, _THRESHOLD_KEYS)
    fraction = to_fraction(table.take("fraction", _NUMBER_OR_TEXT, 0), key=table.label("fraction"))
    base = table.take("base", str, "parties")
    strict = table.take("strict", bool, False)
    exempt = table.take("exempt", list, [])
    for name in exempt:
        if not isinstance(name, str):
            raise ConfigError(f"{table.label('exempt')} must list party names, got {name!r}")
    by_type = _fractions(table.take("by_type", dict, {}), table.label("by_type"))
    by_party = _fractions(table.take("by_party", dict, {}), table.label("by_party"))
    alternative = table.take("alternative", (int, str), 0)
    alternative = to_count(alternative, key=table.label("alternative"), unit="seats")
    elsewhere = {
        name: to_count(seats, key=f"{table.label('elsewhere')}.{name}", unit="seats")
        for name, seats in table.take("elsewhere", dict, {}).items()
    }
    return Threshold(
        fraction, base, strict, by_type, by_party, frozenset(exempt), alternative, elsewhere
    )


def _seats_elsewhere(system, chamber, parties):
    """Seats won elsewhere for the threshold's alternative: the chamber's held seats by default."""
    threshold = system.threshold
    held = {party: seats for party, seats in chamber.held.items() if party in parties}
    if threshold.elsewhere or not held:
        return system
    return replace(system, threshold=replace(threshold, elsewhere=held))


def _read_districts(root, base_dir, nowcast):
    """``[districts]``: a file of votes by district, or with ``[nowcast]`` of seats only."""
    table = root.table("districts", _DISTRICTS_KEYS, None)
    if table is None:
        return None
    if "file" not in table:
        raise ConfigError(
            f"{table.label('threshold')} needs districts: give [districts] file "
            "(or --districts-file)"
        )
    for section in ("votes", "shares", "other_votes", "other_shares"):
        if section in root:
            raise ConfigError(
                f"[{section}] does not go with [districts]: the districts file gives the votes"
            )
    threshold = table.take("threshold", _NUMBER_OR_TEXT, 0)
    threshold = to_fraction(threshold, key=table.label("threshold"))
    check_threshold_fraction(threshold, key=table.label("threshold"))
    pool = table.take("pool", str, None)
    pool = None if pool is None else get_method(pool, key=table.label("pool"))
    if pool is not None and (pool.family != "quota" or pool.whole_quota):
        raise ConfigError(
            f"{table.label('pool')} must be a quota method other than droop (the second "
            "scrutiny shares the pooled remainders, fractions of a vote, by a quota and "
            f"largest remainders), got {pool.name!r}"
        )
    path = base_dir / table.take("file", str)
    if nowcast is None:
        return replace(read_districts_csv(path, threshold=threshold), pool=pool)
    if pool is not None:
        raise ConfigError(f"{table.label('pool')} does not go with [nowcast], so far")
    if nowcast.units is None:
        raise ConfigError(
            "[districts] with [nowcast] needs nowcast.units: the units file names each "
            "unit's district"
        )
    return read_district_seats(path, nowcast.parties, nowcast.others, threshold=threshold)


def _district_ballots(root, districts):
    """National ballots: the districts' counts summed."""
    return ballots_from_counts(
        districts.national_votes(),
        districts.national_other_votes(),
        root.take("list_types", dict, {}),
        key=f"votes in {districts.source}",
    )


def _fractions(mapping, label):
    return {name: to_fraction(value, key=f"{label}.{name}") for name, value in mapping.items()}


def _read_ballots(root):
    has_votes, has_shares = "votes" in root, "shares" in root
    if has_votes and has_shares:
        raise ConfigError("give either [votes] (counts) or [shares] (percentages), not both")
    if not (has_votes or has_shares):
        raise ConfigError("missing [votes] (official counts) or [shares] (percentages)")
    list_types = root.take("list_types", dict, {})
    if has_votes:
        if "other_shares" in root:
            raise ConfigError("[other_shares] goes with [shares]; with [votes] use [other_votes]")
        votes = root.take("votes", dict)
        others = root.take("other_votes", dict, {})
        return ballots_from_counts(votes, others, list_types, key=root.label("votes"))
    if "other_votes" in root:
        raise ConfigError("[other_votes] goes with [votes]; with [shares] use [other_shares]")
    shares = root.take("shares", dict)
    others = root.take("other_shares", dict, {})
    return ballots_from_shares(shares, others, list_types, key=root.label("shares"))


def _read_nowcast(root, base_dir):
    if "nowcast" not in root:
        return None
    for section in ("votes", "shares", "other_votes", "other_shares", "model"):
        if section in root:
            raise ConfigError(
                f"[{section}] does not go with [nowcast]: an election-night config "
                "takes its votes from the snapshots"
            )
    return read_nowcast(root.table("nowcast", NOWCAST_KEYS), base_dir)


def _nowcast_ballots(root, nowcast):
    """Ballots with the nowcast's parties and options and no votes yet."""
    return ballots_from_counts(
        dict.fromkeys(nowcast.parties, 0),
        dict.fromkeys(nowcast.others, 0),
        root.take("list_types", dict, {}),
        key="nowcast.parties",
    )


def _read_constituencies(root, base_dir, system, ballots, nowcast):
    table = root.table("constituencies", CONSTITUENCY_KEYS, None)
    if table is None:
        return None
    if nowcast is not None:
        raise ConfigError(
            "[constituencies] goes with seatcast run, not with [nowcast]: an election night's "
            "constituency seats go in [chamber] held"
        )
    if system.districts is not None:
        raise ConfigError(
            "[constituencies] goes with one national list so far, not with [districts] "
            "(the additional member system takes its constituency seats from "
            "chamber.held_by_district)"
        )
    if system.threshold.elsewhere:
        raise ConfigError(
            "rules.threshold.elsewhere does not go with [constituencies]: the threshold's "
            "alternative counts the constituencies won in the tier (and [chamber] held)"
        )
    return read_constituencies(
        {key: table.take(key, object) for key in CONSTITUENCY_KEYS if key in table},
        base_dir,
        ballots.parties,
        ballots.others,
    )


def _read_chamber(root, system, parties, constituencies):
    table = root.table("chamber", _CHAMBER_KEYS, {})
    n_seats = system.n_seats
    districts = system.districts.names if system.districts is not None else ()
    seats = table.take("seats", int, None)
    majority = table.take("majority", int, None)
    supermajority = table.take("supermajority", (int, str), None)
    held = table.take("held", dict, {})
    return build_chamber(
        n_seats,
        parties,
        seats=seats,
        majority=majority,
        supermajority=supermajority,
        held=held,
        tier=table.take("tier", str, DEFAULT_TIER),
        held_tier=table.take("held_tier", str, DEFAULT_HELD_TIER),
        linkage=table.take("linkage", str, DEFAULT_LINKAGE),
        held_by_district=table.take("held_by_district", dict, None),
        districts=districts,
        constituency_seats=0 if constituencies is None else constituencies.n_seats,
    )


def _read_run(table):
    draws = table.take("draws", (int, str), None)
    seed = table.take("seed", (int, str), None)
    chunk_size = table.take("chunk_size", (int, str), DEFAULT_CHUNK_SIZE)
    return RunSettings(
        draws=None if draws is None else positive_count(draws, table.label("draws"), "draws"),
        seed=None
        if seed is None
        else to_count(seed, key=table.label("seed"), unit=None, most=MAX_SEED),
        chunk_size=positive_count(chunk_size, table.label("chunk_size"), "draws"),
        indices=table.take("indices", bool, None),
    )


def _read_sweep(root, system, nowcast):
    table = root.table("sweep", SWEEP_KEYS, None)
    if table is None:
        return NO_SWEEP
    if nowcast is not None:
        raise ConfigError(
            "[sweep] does not go with [nowcast]: sweep rules with seatcast run, "
            "or allocate the counted votes with seatcast allocate --threshold A:B:STEP"
        )
    return read_sweep(table, first_divisor=getattr(system.method, "first_divisor", None))


def _read_model(root, ballots, base_dir, districts):
    if "model" not in root:
        return None
    data = root.take("model", dict)
    # The registry brings the models' numba drawers: imported only for a
    # [model], so that other mistakes are reported without loading numba.
    from seatcast.models.registry import MODEL_KINDS, build_model, check_kind

    kind = check_kind(data.get("kind"))
    table = root.child("model", data, MODEL_KINDS[kind].keys)
    return build_model(table, ballots, base_dir, districts)
