"""Replays of Poland's 2023 count (real results by gmina) in simulated orders: coverage and widths.

The units, the 2019 result and the 2023 truth are the bundled files of
``configs/poland-sejm-2023-election-night`` (PKW data).  Each replay reports
whole units in one of the orders of its ``count_orders.py`` and is judged at
fixed shares of the ballots counted.

Run as a script for the tables of the closing note and the README::

    python -m tests.real.real_replays [REPLICATES]
"""

import importlib.util
import sys
import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal

import numpy as np

from seatcast.engine.config.reader import build_config, load_config
from seatcast.engine.run.election_night import nowcast_inputs, prepare_night
from seatcast.engine.run.plan import build_plan
from seatcast.engine.run.runner import run_plan
from seatcast.models.snapshots import SIZE_FIELDS, Snapshot
from tests.configs import CONFIGS

CONFIG = CONFIGS / "poland-sejm-2023-election-night.toml"
FOLDER = CONFIGS / "poland-sejm-2023-election-night"

#: Shares of the ballots counted at which forecasts are judged.
FRACTIONS = (0.1, 0.25, 0.5, 0.75, 0.9)

#: Parties judged: those with at least this share of the final votes.
MIN_SHARE = 0.01

#: A forecast this sure of one seat count must be right.
SURE = 0.99


def count_orders():
    """The ``count_orders`` module of the bundled Poland folder."""
    spec = importlib.util.spec_from_file_location("count_orders", FOLDER / "count_orders.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Night:
    """Poland 2023: the config, what it knows in advance, and the truth by unit."""

    config: object
    night: object
    units: dict
    final: np.ndarray
    truth: np.ndarray
    judged: np.ndarray

    @classmethod
    def load(cls):
        """Read the bundled config and files."""
        orders = count_orders()
        config = load_config(CONFIG)
        night = prepare_night(config)
        units = orders.read_table(FOLDER / "units.csv", text=("region", "district", "kind"))
        table = orders.read_table(FOLDER / "final.csv", text=("region",))
        assert list(table["region"]) == list(night.units.ids)
        components = config.nowcast.components
        final = np.column_stack([table[name] for name in components]).astype(np.int64)
        whole = Snapshot("100%", "", night.units.ids, components, final, _sizes(units, None))
        exact, _ = nowcast_inputs(config, whole, night)
        truth = np.array(exact.system.allocate(exact.ballots).seats)
        shares = final.sum(axis=0) / final.sum()
        return cls(config, night, units, final, truth, shares[: len(truth)] >= MIN_SHARE)

    def snapshot(self, reported, label=""):
        """The snapshot in which the units ``reported`` (indices) have counted everything."""
        reported = np.sort(reported)
        ids = tuple(self.night.units.ids[i] for i in reported)
        return Snapshot(
            label,
            "",
            ids,
            self.config.nowcast.components,
            self.final[reported],
            _sizes(self.units, reported),
        )


def _sizes(units, reported):
    rows = slice(None) if reported is None else reported
    precincts = units["precincts_total"][rows].astype(np.float64)
    sizes = {name: np.full(precincts.shape, np.nan) for name in SIZE_FIELDS}
    sizes["precincts_reported"] = precincts
    return sizes


@dataclass
class Table:
    """Forecasts of one count order, per counted fraction."""

    covered: dict = field(default_factory=dict)
    width: dict = field(default_factory=dict)
    wrong_and_sure: list = field(default_factory=list)

    def add(self, fraction, covered, width):
        """Record one party-snapshot."""
        self.covered.setdefault(fraction, []).append(covered)
        self.width.setdefault(fraction, []).append(width)

    def coverage(self, fraction=None):
        """Share of party-snapshots whose 90 % interval held the final seats."""
        values = self.covered[fraction] if fraction else np.concatenate(list(self.covered.values()))
        return float(np.mean(values))

    def mean_width(self, fraction):
        """Mean width (high - low) of the 90 % seat intervals."""
        return float(np.mean(self.width[fraction]))


def replay_orders(night, replicates, *, n_draws=4000, orders=None, fractions=FRACTIONS):
    """Judge the nowcast in every count order, ``replicates`` orders each.

    Returns
    -------
    dict of str to Table
    """
    tables = {}
    for order, replicate, fraction, reported in _counts(night, replicates, fractions, orders):
        snapshot = night.snapshot(reported, f"{order} {replicate} {fraction:.0%}")
        _judge(night, snapshot, tables.setdefault(order, Table()), fraction, n_draws, replicate)
    return tables


def _counts(night, replicates, fractions, orders=None):
    """``(order, replicate, fraction, units reported)`` of every replayed snapshot."""
    module = count_orders()
    ballots = night.final.sum(axis=1)
    for order in orders or module.ORDERS:
        for replicate in range(replicates):
            sequence = module.count_order(order, night.units, np.random.default_rng(replicate))
            for fraction in fractions:
                yield order, replicate, fraction, module.snapshot_rows(ballots, sequence, fraction)


def _judge(night, snapshot, table, fraction, n_draws, seed):
    config, model = nowcast_inputs(night.config, snapshot, night.night)
    plan = build_plan(config, model=model)
    tallies = run_plan(plan, n_draws=n_draws, seed=seed, chunk_size=n_draws, threads=2)
    seat_count = tallies.seat_count[0, 0]
    cumulative = np.cumsum(seat_count, axis=1) / n_draws
    for party, seats in enumerate(night.truth):
        low = int(np.argmax(cumulative[party] >= 0.05 - 1e-12))
        high = int(np.argmax(cumulative[party] >= 0.95 - 1e-12))
        if night.judged[party]:
            table.add(fraction, low <= seats <= high, high - low)
        likeliest = int(seat_count[party].argmax())
        if seat_count[party, likeliest] >= SURE * n_draws and likeliest != seats:
            table.wrong_and_sure.append((snapshot.label, config.ballots.parties[party], likeliest))


def report(tables):
    """The coverage and width tables as text (Markdown)."""
    fractions = list(next(iter(tables.values())).covered)
    head = " | ".join(f"{f:.0%}" for f in fractions)
    lines = [f"| order | {head} | all | sure and wrong |", "|" + " --- |" * (len(fractions) + 3)]
    for order, table in tables.items():
        cells = " | ".join(f"{table.coverage(f):.0%}" for f in fractions)
        lines.append(
            f"| {order} | {cells} | {table.coverage():.1%} | {len(table.wrong_and_sure)} |"
        )
    lines += [
        "",
        f"| order (mean 90 % width, seats) | {head} |",
        "|" + " --- |" * (len(fractions) + 1),
    ]
    for order, table in tables.items():
        cells = " | ".join(f"{table.mean_width(f):.1f}" for f in fractions)
        lines.append(f"| {order} | {cells} |")
    return "\n".join(lines)


def report_comparison(tables):
    """Coverage and mean width of both models on the national stand-in (Markdown)."""
    fractions = list(next(iter(tables.values()))[0].covered)
    head = " | ".join(f"{f:.0%}" for f in fractions)
    lines = [
        f"| order | model | {head} | all | sure and wrong |",
        "|" + " --- |" * (len(fractions) + 4),
    ]
    for order, pair in tables.items():
        for name, table in zip(("units", "without units"), pair, strict=True):
            cells = " | ".join(
                f"{table.coverage(f):.0%} ({table.mean_width(f):.1f})" for f in fractions
            )
            lines.append(
                f"| {order} | {name} | {cells} | {table.coverage():.1%} "
                f"| {len(table.wrong_and_sure)} |"
            )
    return "\n".join(lines)


def compare_national(replicates, *, n_draws=4000, fractions=FRACTIONS):
    """Coverage and widths of the unit model and of the model without units, on one national list.

    The model without units cannot allocate by district, so both are judged
    on the same stand-in rules: D'Hondt for all 460 seats nationally, the
    same thresholds.  The model without units is given every gmina as a
    region (those not yet counted with ``precincts_reported = 0``), since a
    feed that lists only counted units would end every interval at the
    counted votes.

    Returns
    -------
    dict of str to (Table, Table)
        Per count order: the unit model's table, then the other's.
    """
    base = Night.load()
    national = _national_config(base.config, units=True)
    plain = _national_config(base.config, units=False)
    whole, _ = nowcast_inputs(national, base.snapshot(np.arange(len(base.final))), None)
    truth = np.array(whole.system.allocate(whole.ballots).seats)
    unit_night = replace(base, config=national, night=prepare_night(national), truth=truth)
    plain_night = replace(unit_night, config=plain, night=prepare_night(plain))
    tables = {}
    for order, replicate, fraction, reported in _counts(base, replicates, fractions):
        units, regions = tables.setdefault(order, (Table(), Table()))
        snapshot = base.snapshot(reported, f"{order} {replicate} {fraction:.0%}")
        _judge(unit_night, snapshot, units, fraction, n_draws, replicate)
        _judge(plain_night, _every_unit(base, reported), regions, fraction, n_draws, replicate)
    return tables


def _national_config(config, *, units):
    """The Poland night as one national list of 460 seats, with or without its units."""
    nowcast = config.nowcast
    lines = [
        "[rules]",
        "seats = 460",
        'method = "dhondt"',
        'threshold = { fraction = 0.05, by_type = { coalition = 0.08 }, exempt = ["MN"] }',
        "[list_types]",
        'KO = "coalition"',
        'TD = "coalition"',
        "[nowcast]",
        f"parties = {list(nowcast.parties)!r}".replace("'", '"'),
    ]
    if units:
        lines += [f'units = "{nowcast.units}"', f'previous = "{nowcast.previous}"']
    return build_config(tomllib.loads("\n".join(lines), parse_float=Decimal))


def _every_unit(night, reported):
    """A snapshot listing every unit: those in ``reported`` finished, the others at zero."""
    counted = np.zeros_like(night.final)
    counted[reported] = night.final[reported]
    total = night.units["precincts_total"].astype(np.float64)
    sizes = {name: np.full(total.shape, np.nan) for name in SIZE_FIELDS}
    sizes["precincts_total"] = total
    sizes["precincts_reported"] = np.where(np.isin(np.arange(len(total)), reported), total, 0.0)
    return Snapshot(
        "every unit", "", night.night.units.ids, night.config.nowcast.components, counted, sizes
    )


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(report(replay_orders(Night.load(), count)))
    print("\nOne national list (460 seats), coverage (mean 90 % width):\n")
    print(report_comparison(compare_national(count)))
