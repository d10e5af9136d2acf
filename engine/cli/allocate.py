"""`seatcast allocate`: the exact allocation of official counts, from a config or flags."""

import argparse
import json
from typing import TYPE_CHECKING

from seatcast.engine.cli.rule_flags import RULE_FLAGS, add_sweep_flags, rule_overrides
from seatcast.engine.config.votes import parse_pairs, read_votes_csv
from seatcast.engine.errors import ConfigError
from seatcast.engine.rules.linkage import DEFAULT_LINKAGE, LINKAGES
from seatcast.engine.rules.methods import METHOD_NAMES
from seatcast.engine.rules.thresholds import THRESHOLD_BASES
from seatcast.engine.rules.ties import TIE_POLICIES

if TYPE_CHECKING:
    from seatcast.engine.config.reader import Config
    from seatcast.engine.rules.linkage import ChamberSeats


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``allocate`` and its flags."""
    parser = subparsers.add_parser(
        "allocate",
        help="allocate the seats of official counts exactly",
        description=(
            "Allocate seats exactly from the official counts of a config, or from counts "
            "given on the command line. Flags override the config's rules. Of an "
            "election-night config ([nowcast]), the votes counted in its latest snapshot; "
            "of a config with [[scenarios]], each scenario's counts under its rules."
        ),
    )
    parser.add_argument("config", nargs="?", help="TOML config with [rules] and [votes]")
    rules = parser.add_argument_group(
        "rules", f"methods: {', '.join(METHOD_NAMES)}. A range or list sweeps its rule."
    )
    add_sweep_flags(rules)
    rules.add_argument("--first-divisor", help="first divisor of modified-sainte-lague")
    rules.add_argument("--threshold-base", choices=THRESHOLD_BASES, help="what the share is of")
    rules.add_argument(
        "--threshold-strict", action="store_true", default=None, help="require a share > threshold"
    )
    rules.add_argument("--exempt", action="append", metavar="NAME", help="party exempt (repeat)")
    rules.add_argument(
        "--party-threshold",
        action="append",
        metavar="NAME=FRACTION",
        help="a party's own threshold, e.g. a coalition's (repeat)",
    )
    rules.add_argument(
        "--alternative-min",
        metavar="N",
        help="a party with at least N seats won elsewhere passes whatever its share",
    )
    rules.add_argument(
        "--alternative-seats",
        action="append",
        metavar="NAME=N",
        help="seats a party won elsewhere, such as electorates (repeat)",
    )
    rules.add_argument(
        "--district-threshold",
        metavar="FRACTION",
        help="share of a district's votes a party needs there (with districts)",
    )
    rules.add_argument("--ties", choices=TIE_POLICIES, help="how a tie is settled")
    rules.add_argument("--tie-seed", type=int, help="seed of the lot for --ties lot")
    votes = parser.add_argument_group("votes (without a config)")
    votes.add_argument("--votes", metavar="NAME=COUNT,...", help="party counts")
    votes.add_argument("--shares", metavar="NAME=PERCENT,...", help="published percentages")
    votes.add_argument("--other", metavar="NAME=COUNT,...", help="no-seat options (against all)")
    votes.add_argument("--votes-file", metavar="FILE.csv", help="CSV: party,votes[,kind]")
    votes.add_argument(
        "--districts-file",
        metavar="FILE.csv",
        help="CSV: district,seats,party,votes[,kind]; seats are allocated district by district",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Allocate, print, and return the exit status."""
    from seatcast.engine.report.allocation import allocation_record, format_allocation
    from seatcast.engine.report.allocation_scenarios import (
        allocation_scenarios_record,
        format_allocation_scenarios,
    )
    from seatcast.engine.report.allocation_sweep import (
        allocation_sweep_record,
        format_allocation_sweep,
    )
    from seatcast.engine.rules.linkage import allocate_chamber
    from seatcast.engine.run.exact import allocate_scenarios, allocate_sweep

    config = config_from_args(args)
    linkage = config.chamber.linkage if config.chamber is not None else DEFAULT_LINKAGE
    if (config.scenarios or config.sweep.dims) and (
        linkage != DEFAULT_LINKAGE or config.constituencies is not None
    ):
        what = "[constituencies]" if linkage == DEFAULT_LINKAGE else f"chamber.linkage {linkage!r}"
        raise ConfigError(
            f"{what} is applied to one allocation only, so far: not to a sweep or to [[scenarios]]"
        )
    if config.scenarios:
        results, record, text = (
            allocate_scenarios(config),
            allocation_scenarios_record,
            format_allocation_scenarios,
        )
    elif config.sweep.dims:
        results, record, text = (
            allocate_sweep(config),
            allocation_sweep_record,
            format_allocation_sweep,
        )
    elif _has_tiers(config):
        results, record, text = (
            allocate_chamber(config.system, config.ballots, config.chamber, config.constituencies),
            _chamber_record,
            _format_chamber,
        )
    else:
        allocation = config.system.allocate(config.ballots)
        results, record, text = allocation, allocation_record, format_allocation
    if args.json:
        print(json.dumps(record(config, results), ensure_ascii=False, indent=2))
    else:
        print(text(config, results))
    return 0


def _has_tiers(config: "Config") -> bool:
    """Whether the config's chamber has a second tier (held seats, constituencies) or a linkage."""
    chamber = config.chamber
    return chamber is not None and (
        bool(chamber.held)
        or config.constituencies is not None
        or chamber.linkage != DEFAULT_LINKAGE
    )


def _chamber_record(config: "Config", seats: "ChamberSeats") -> dict[str, object]:
    from seatcast.engine.report.allocation import allocation_record, chamber_record

    return allocation_record(config, seats.allocation) | {"chamber": chamber_record(config, seats)}


def _format_chamber(config: "Config", seats: "ChamberSeats") -> str:
    from seatcast.engine.report.allocation import format_allocation, format_chamber

    inside = LINKAGES[config.chamber.linkage].inside_house
    table = format_allocation(
        config, seats.allocation, seats_label="entitled" if inside else "seats"
    )
    return table + "\n\n" + format_chamber(config, seats)


def config_from_args(args: argparse.Namespace) -> "Config":
    """Build the :class:`~seatcast.engine.config.reader.Config` the flags describe."""
    from seatcast.engine.config.reader import build_config, load_config
    from seatcast.engine.run.election_night import nowcast_inputs

    overrides = rule_overrides(args)
    vote_flags = [
        f for f in ("votes", "shares", "other", "votes_file", "districts_file") if getattr(args, f)
    ]
    if args.config:
        if vote_flags:
            flag = "--" + vote_flags[0].replace("_", "-")
            raise ConfigError(f"{flag} cannot be combined with a config; its votes are used")
        config = load_config(args.config, overrides)
        if config.nowcast is not None:  # the votes counted so far, in the latest snapshot
            config, _ = nowcast_inputs(config, config.nowcast.read()[-1])
        return config
    labels = {key: flag for key, flag in RULE_FLAGS.values()} | {
        "districts.file": "--districts-file"
    }
    return build_config(_ad_hoc_votes(args), overrides=overrides, labels=labels)


def _ad_hoc_votes(args):
    sources = [f for f in ("votes", "shares", "votes_file", "districts_file") if getattr(args, f)]
    if len(sources) != 1:
        raise ConfigError(
            "give a CONFIG, or exactly one of --votes, --shares, --votes-file and --districts-file"
            if not sources
            else "give only one of --votes, --shares, --votes-file and --districts-file"
        )
    data = {"rules": {}}
    if args.districts_file:
        if args.other:
            raise ConfigError("--other does not go with --districts-file: give kind=other rows")
        data["districts"] = {"file": args.districts_file}
        return data
    others = parse_pairs(args.other, flag="--other") if args.other else {}
    if args.votes_file:
        votes, file_others = read_votes_csv(args.votes_file)
        data.update(votes=votes, other_votes={**file_others, **others})
    elif args.votes:
        data.update(votes=parse_pairs(args.votes, flag="--votes"), other_votes=others)
    else:
        data.update(shares=parse_pairs(args.shares, flag="--shares"), other_shares=others)
    return data
