"""Rule flags of the command line, as overrides of config keys.

``--threshold``, ``--method`` and ``--seats`` set one rule (``--seats 75``)
or, given a range or a list (``--threshold 0.03:0.10:0.0025``, ``--method
hare,dhondt``), sweep it: the values then replace the config's ``[sweep]``
entry for that rule.
"""

import argparse

from seatcast.engine.config.sweep import is_sweep_text
from seatcast.engine.config.votes import parse_pairs
from seatcast.engine.parsing import to_count

#: Rule flags and the config key each one sets.
RULE_FLAGS = {
    "seats": ("rules.seats", "--seats"),
    "method": ("rules.method", "--method"),
    "first_divisor": ("rules.first_divisor", "--first-divisor"),
    "ties": ("rules.ties", "--ties"),
    "tie_seed": ("rules.tie_seed", "--tie-seed"),
    "threshold": ("rules.threshold.fraction", "--threshold"),
    "threshold_base": ("rules.threshold.base", "--threshold-base"),
    "threshold_strict": ("rules.threshold.strict", "--threshold-strict"),
    "exempt": ("rules.threshold.exempt", "--exempt"),
    "party_threshold": ("rules.threshold.by_party", "--party-threshold"),
    "alternative_min": ("rules.threshold.alternative", "--alternative-min"),
    "alternative_seats": ("rules.threshold.elsewhere", "--alternative-seats"),
    "district_threshold": ("districts.threshold", "--district-threshold"),
}

#: Flags that take ``NAME=VALUE`` items and may be repeated.
_PAIR_FLAGS = ("party_threshold", "alternative_seats")

#: Flags that sweep their rule when given a range or a list, and the sweep key.
SWEEP_FLAGS = {"threshold": "sweep.threshold", "method": "sweep.method", "seats": "sweep.seats"}


def add_sweep_flags(group: argparse._ArgumentGroup) -> None:
    """Add ``--threshold``, ``--method`` and ``--seats`` to an argument group."""
    group.add_argument(
        "--seats", help="seats to allocate, or a range to sweep (60:80, both ends included)"
    )
    group.add_argument(
        "--method", help="allocation method, or a list to sweep (hare,dhondt,sainte-lague)"
    )
    group.add_argument(
        "--threshold",
        help="fraction of the base a party needs (0.05 or 5%%), or a range to sweep "
        "(0.03:0.10:0.0025, both ends included)",
    )


def rule_overrides(args: argparse.Namespace) -> dict[str, tuple[object, str]]:
    """``{config key: (value, flag)}`` for the rule flags set in ``args``."""
    overrides = {}
    for attribute, (key, flag) in RULE_FLAGS.items():
        value = getattr(args, attribute, None)
        if value is None:
            continue
        if attribute in SWEEP_FLAGS and is_sweep_text(value):
            key = SWEEP_FLAGS[attribute]
        elif attribute == "seats":
            value = to_count(value, key=flag, unit="seats")
        elif attribute in _PAIR_FLAGS:
            value = {}
            for item in getattr(args, attribute):
                value.update(parse_pairs(item, flag=flag))
        overrides[key] = (value, flag)
    return overrides
