"""A catalogue of bad inputs across every command, each refused in one line and harmlessly.

Every row is a command line in a folder holding the demo configs, the files
they name, a good result and the row's own files.  The command must exit
with status 2, print nothing on stdout and one line on stderr that starts
``seatcast: error:`` and contains the row's words (and no Python internals
such as ``Decimal('69.5')``), create no file, and leave every file in the
folder byte for byte as it was.
"""

import os
import shutil
from pathlib import Path

import pytest

from seatcast.engine.cli.main import main
from tests.configs import CONFIGS

KZ = (CONFIGS / "kazakhstan-2023.toml").read_text(encoding="utf-8")
NIGHT_NAME = "kazakhstan-2023-election-night"
SERIES_HEADER = (CONFIGS / NIGHT_NAME / "snapshots.csv").read_text(encoding="utf-8").splitlines()[0]
NIGHT_ROW = "01,2023-03-19 21:00,Abai,10,363,363000,0.6200,0.03,3314,900,281,312,303,110,76,75"
MINIMAL = (
    '[rules]\nseats = 5\nmethod = "dhondt"\n[votes]\nA = 10\nB = 5\n'
    '[model]\nkind = "logit-normal"\nsd = 0.05\n'
)


def kz_with(old, new):
    """The Kazakhstan demo config with one text replaced (the text must be there)."""
    assert old in KZ, old
    return KZ.replace(old, new)


def night_series(*rows, header=SERIES_HEADER):
    return "\n".join([header, *rows]) + "\n"


def night_config(series="series.csv", extra=""):
    text = (CONFIGS / f"{NIGHT_NAME}.toml").read_text(encoding="utf-8")
    return text.replace(f'"{NIGHT_NAME}/snapshots.csv"', f'"{series}"') + extra


RUN = ["run", "kz.toml", "-o", "out.nc", "--quiet", "--draws", "1000"]

#: A file entry that is a named pipe (as /dev/null is a device: not a regular file).
FIFO = object()

# (id, argv, files written first, words of the message)
CASES = [
    # --- the argument parser -------------------------------------------------
    ("no command", [], {}, "the following arguments are required: COMMAND"),
    ("unknown command", ["simulate", "kz.toml"], {}, "invalid choice: 'simulate'"),
    ("run without config", ["run"], {}, "the following arguments are required: config"),
    ("unknown flag", ["run", "kz.toml", "--drawz", "5"], {}, "unrecognized arguments: --drawz"),
    ("bad backend", ["run", "kz.toml", "--backend", "mpi"], {}, "invalid choice: 'mpi'"),
    ("report without file", ["report"], {}, "required: result"),
    ("combine without -o", ["combine", "good.nc"], {}, "required: -o"),
    ("replay unknown flag", ["replay", "night.toml", "--plots", "x.png"], {}, "unrecognized"),
    # --- the config file -----------------------------------------------------
    ("missing config", ["run", "nope.toml", "-o", "out.nc"], {}, "config file not found"),
    ("config is a folder", ["run", "folder", "-o", "out.nc"], {"folder/x": ""}, "directory"),
    (
        "config not UTF-8",
        ["run", "latin.toml", "-o", "out.nc"],
        {"latin.toml": b"[rules]\nseats = 5 # \xe9\n"},
        "not UTF-8",
    ),
    (
        "malformed TOML",
        ["run", "bad.toml", "-o", "out.nc"],
        {"bad.toml": "[rules\nseats = 5\n"},
        "malformed TOML",
    ),
    ("empty config", ["run", "empty.toml", "-o", "out.nc"], {"empty.toml": ""}, "[rules]"),
    (
        "unknown section",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL + "[rulez]\nx = 1\n"},
        "rulez",
    ),
    (
        "unknown rules key",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("seats = 5", "seats = 5\nseets = 6")},
        "seets",
    ),
    (
        "unknown method",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("dhondt", "dhont")},
        "dhont",
    ),
    (
        "seats zero",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("seats = 5", "seats = 0")},
        "seats",
    ),
    (
        "seats negative",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("seats = 5", "seats = -3")},
        "seats",
    ),
    (
        "seats fractional",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("seats = 5", "seats = 69.5")},
        "69.5",
    ),
    (
        "seats text",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("seats = 5", 'seats = "five"')},
        "seats",
    ),
    (
        "seats 2**70",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("seats = 5", f"seats = {2**62}")},
        "seats",
    ),
    (
        "seats above limit",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("seats = 5", "seats = 100000000")},
        "seats",
    ),
    (
        "no votes",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", "")},
        "votes",
    ),
    (
        "empty votes",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("A = 10\nB = 5\n", "")},
        "votes",
    ),
    (
        "negative votes",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("A = 10", "A = -10")},
        "negative",
    ),
    (
        "text votes",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("A = 10", 'A = "ten"')},
        "votes.A",
    ),
    (
        "fractional votes",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("A = 10", "A = 10.5")},
        "10.5",
    ),
    (
        "huge votes",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("A = 10", f"A = {2**62}")},
        "votes",
    ),
    (
        "names alike after stripping",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("B = 5", '"A " = 5')},
        "A",
    ),
    (
        "blank party name",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("B = 5", '" " = 5')},
        "name",
    ),
    (
        "threshold above one",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("[votes]", "threshold = { fraction = 5 }\n[votes]")},
        "threshold",
    ),
    (
        "threshold negative",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("[votes]", "threshold = { fraction = -0.05 }\n[votes]")},
        "threshold",
    ),
    (
        "threshold bad base",
        ["run", "c.toml", "-o", "out.nc"],
        {
            "c.toml": MINIMAL.replace(
                "[votes]", 'threshold = { fraction = 0.05, base = "some" }\n[votes]'
            )
        },
        "base",
    ),
    (
        "threshold unknown key",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("[votes]", "threshold = { fractoin = 0.05 }\n[votes]")},
        "fractoin",
    ),
    (
        "no model",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.split("[model]")[0]},
        "no [model] section",
    ),
    (
        "unknown model kind",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("logit-normal", "logit")},
        "logit",
    ),
    (
        "model sd negative",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("sd = 0.05", "sd = -0.05")},
        "sd",
    ),
    (
        "model sd huge",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("sd = 0.05", "sd = 1e300")},
        "sd",
    ),
    (
        "model sd text",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("sd = 0.05", 'sd = "wide"')},
        "sd",
    ),
    (
        "model covariance huge",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL.replace("sd = 0.05", "covariance = [[1e300, 0], [0, 1e300]]")},
        "variance of 1e+300",
    ),
    (
        "model unknown key",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL + "sigma = 1\n"},
        "sigma",
    ),
    (
        "run draws zero",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL + "[run]\ndraws = 0\n"},
        "draws",
    ),
    (
        "run draws text",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL + '[run]\ndraws = "many"\n'},
        "draws",
    ),
    (
        "run unknown key",
        ["run", "c.toml", "-o", "out.nc"],
        {"c.toml": MINIMAL + "[run]\ndrawz = 5\n"},
        "drawz",
    ),
    (
        "exempt unknown party",
        ["run", "c.toml", "-o", "out.nc"],
        {
            "c.toml": MINIMAL.replace(
                "[votes]", 'threshold = { fraction = 0.05, exempt = ["Z"] }\n[votes]'
            )
        },
        "Z",
    ),
    # --- run flags -----------------------------------------------------------
    ("draws zero", [*RUN[:-1], "0"], {}, "--draws"),
    ("draws negative", [*RUN[:-1], "-5"], {}, "--draws"),
    ("draws text", [*RUN[:-1], "lots"], {}, "--draws"),
    ("draws fractional", [*RUN[:-1], "1.5"], {}, "--draws"),
    ("draws 1e99", [*RUN[:-1], "1e99"], {}, "--draws"),
    ("draws 1e15", [*RUN[:-1], "1e15"], {}, "draws are more than a run may make"),
    ("draws nan", [*RUN[:-1], "nan"], {}, "--draws"),
    ("seed negative", [*RUN, "--seed", "-1"], {}, "--seed"),
    ("seed text", [*RUN, "--seed", "abc"], {}, "--seed"),
    ("threads zero", [*RUN, "--threads", "0"], {}, "--threads"),
    ("threads text", [*RUN, "--threads", "two"], {}, "--threads"),
    ("threads absurd", [*RUN, "--threads", "100000"], {}, "at most 1,024 threads"),
    ("chunk size zero", [*RUN, "--chunk-size", "0"], {}, "--chunk-size"),
    ("chunks without colon", [*RUN, "--chunks", "5"], {}, "--chunks"),
    ("chunks text", [*RUN, "--chunks", "a:b"], {}, "--chunks"),
    ("chunks backwards", [*RUN, "--chunks", "3:1"], {}, "--chunks"),
    ("chunks past the end", [*RUN, "--chunks", "0:99"], {}, "--chunks"),
    ("checkpoint is a file", [*RUN, "--checkpoint", "kz.toml"], {}, "checkpoint"),
    ("workers without dask", [*RUN, "--workers", "2"], {}, "--workers needs --backend dask"),
    ("scheduler without dask", [*RUN, "--scheduler", "tcp://x:1"], {}, "--scheduler needs"),
    ("cluster unknown", [*RUN, "--backend", "dask", "--cluster", "mesos"], {}, "mesos"),
    ("threshold flag too big", [*RUN, "--threshold", "5"], {}, "threshold"),
    ("method flag unknown", [*RUN, "--method", "hare-quota"], {}, "hare-quota"),
    ("seats flag zero", [*RUN, "--seats", "0"], {}, "seats"),
    # --- outputs -------------------------------------------------------------
    (
        "output is the config",
        ["run", "kz.toml", "-o", "kz.toml"],
        {},
        "is an input of this command",
    ),
    (
        "output is the config by another name",
        ["run", "kz.toml", "-o", "./kz.toml"],
        {},
        "is an input",
    ),
    ("output is a folder", ["run", "kz.toml", "-o", "folder"], {"folder/x": ""}, "is a directory"),
    (
        "output in a missing folder",
        ["run", "kz.toml", "-o", "missing/out.nc"],
        {},
        "does not exist",
    ),
    ("output names a missing folder", ["run", "kz.toml", "-o", "missing/"], {}, "does not exist"),
    ("output empty", ["run", "kz.toml", "-o", ""], {}, "-o is empty"),
    ("output blank", ["run", "kz.toml", "-o", "  "], {}, "-o is empty"),
    ("output is a pipe", ["run", "kz.toml", "-o", "pipe"], {"pipe": FIFO}, "not a regular file"),
    ("plot is a pipe", ["report", "good.nc", "--plot", "p.png"], {"p.png": FIFO}, "not a regular"),
    (
        "output is the districts file",
        ["run", "poland.toml", "-o", "poland-sejm-2019-districts.csv"],
        {},
        "is an input",
    ),
    # --- districts -----------------------------------------------------------
    (
        "districts file missing",
        ["run", "d.toml", "-o", "out.nc"],
        {"d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "nope.csv"\n')},
        "not found",
    ),
    (
        "districts header only",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "d.csv"\n'),
            "d.csv": "district,seats,party,votes\n",
        },
        "no rows",
    ),
    (
        "districts short row",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "d.csv"\n'),
            "d.csv": "district,seats,party,votes\nN,3,A,10\nN,3,B\n",
        },
        "line 3",
    ),
    (
        "districts extra cell",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "d.csv"\n'),
            "d.csv": "district,seats,party,votes\nN,3,A,10,7\nN,3,B,5\n",
        },
        "line 2",
    ),
    (
        "districts negative votes",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "d.csv"\n'),
            "d.csv": "district,seats,party,votes\nN,3,A,-10\nN,3,B,5\n",
        },
        "negative",
    ),
    (
        "districts seats differ",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "d.csv"\n'),
            "d.csv": "district,seats,party,votes\nN,3,A,10\nN,4,B,5\n",
        },
        "seats",
    ),
    (
        "districts huge seats",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "d.csv"\n'),
            "d.csv": "district,seats,party,votes\nN,1200000000,A,10\nN,1200000000,B,5\n",
        },
        "seats",
    ),
    (
        "districts missing column",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "d.csv"\n'),
            "d.csv": "district,party,votes\nN,A,10\n",
        },
        "seats",
    ),
    (
        "districts symlink loop",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace(
                "[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "loop.csv"\n'
            ),
            "loop.csv": Path("loop.csv"),
        },
        "loop.csv",
    ),
    (
        "districts file is a folder",
        ["run", "d.toml", "-o", "out.nc"],
        {
            "d.toml": MINIMAL.replace("[votes]\nA = 10\nB = 5\n", '[districts]\nfile = "folder"\n'),
            "folder/x": "",
        },
        "directory",
    ),
    # --- allocate ------------------------------------------------------------
    (
        "allocate unknown linkage",
        ["allocate", "kz.toml"],
        {"kz.toml": KZ + '[chamber]\nlinkage = "mpp"\nheld = { Amanat = 22 }\n'},
        "chamber.linkage must be one of parallel, mmp, mmp-capped, ams, leveling",
    ),
    (
        "held_by_district without districts",
        ["allocate", "kz.toml"],
        {
            "kz.toml": KZ
            + "[chamber]\nheld = { Amanat = 22 }\n[chamber.held_by_district]\nx = { Amanat = 1 }\n"
        },
        "chamber.held_by_district.x: 'x' is not a district of the config",
    ),
    (
        "mmp chamber seats beside the house",
        ["allocate", "kz.toml"],
        {"kz.toml": KZ + '[chamber]\nlinkage = "mmp"\nseats = 98\nheld = { Amanat = 22 }\n'},
        "chamber.seats is 98, but under linkage 'mmp' the house is the 69 seats",
    ),
    (
        "mmp with more constituency seats than the house",
        ["allocate", "kz.toml"],
        {"kz.toml": KZ + '[chamber]\nlinkage = "mmp"\nheld = { Amanat = 70 }\n'},
        "chamber.held gives 70 constituency seats, more than the 69 seats of the house",
    ),
    (
        "mmp swept",
        ["allocate", "kz.toml", "--threshold", "0.03:0.07:0.01"],
        {"kz.toml": KZ + '[chamber]\nlinkage = "mmp"\nheld = { Amanat = 22 }\n'},
        "chamber.linkage 'mmp' is applied to one allocation only",
    ),
    (
        "ams without regions",
        RUN,
        {"kz.toml": KZ + '[chamber]\nlinkage = "ams"\nheld = { Amanat = 22 }\n'},
        "chamber.linkage 'ams' compensates region by region: it needs [districts] "
        "(the regions' list votes and list seats)",
    ),
    (
        "constituencies without sd run",
        RUN,
        {
            "kz.toml": KZ + '[constituencies]\nfile = "smd.csv"\n',
            "smd.csv": "constituency,party,votes\nA,Amanat,10\nA,JSDP,5\n",
        },
        "constituencies.sd is missing: how uncertain each candidate's votes are, "
        "on the log scale (such as 0.1)",
    ),
    (
        "scenarios of linked tiers",
        RUN,
        {
            "kz.toml": KZ
            + '[chamber]\nlinkage = "mmp"\nheld = { Amanat = 22 }\n'
            + '[[scenarios]]\nname = "7 %"\nrules = { threshold = 0.07 }\n'
        },
        "[[scenarios]] of linked tiers (a chamber.linkage inside the house, or "
        "[constituencies]) are not batched so far",
    ),
    (
        "constituencies on election night",
        ["nowcast", "night.toml"],
        {
            "night.toml": night_config(
                str(CONFIGS / NIGHT_NAME / "snapshots.csv"),
                '[constituencies]\nfile = "smd.csv"\nsd = 0.1\n',
            ),
            "smd.csv": "constituency,party,votes\nA,Amanat,10\n",
        },
        "[constituencies] goes with seatcast run, not with [nowcast]",
    ),
    (
        "constituencies file missing",
        ["allocate", "kz.toml"],
        {"kz.toml": KZ + '[constituencies]\nfile = "nowhere.csv"\nsd = 0.1\n'},
        "nowhere.csv",
    ),
    (
        "allocate unknown method",
        ["allocate", "--seats", "9", "--method", "hare-quota", "--votes", "A=1"],
        {},
        "unknown method",
    ),
    (
        "allocate negative votes",
        ["allocate", "--seats", "9", "--method", "hare", "--votes", "A=-5,B=3"],
        {},
        "negative",
    ),
    (
        "allocate text votes",
        ["allocate", "--seats", "9", "--method", "hare", "--votes", "A=lots"],
        {},
        "votes.A",
    ),
    (
        "allocate no equals",
        ["allocate", "--seats", "9", "--method", "hare", "--votes", "A 5"],
        {},
        "NAME=VALUE",
    ),
    (
        "allocate duplicate party",
        ["allocate", "--seats", "9", "--method", "hare", "--votes", "A=1,A=2"],
        {},
        "twice",
    ),
    (
        "allocate duplicate after stripping",
        ["allocate", "--seats", "9", "--method", "hare", "--votes", "A=1, A =2"],
        {},
        "twice",
    ),
    (
        "allocate seats zero",
        ["allocate", "--seats", "0", "--method", "hare", "--votes", "A=1"],
        {},
        "at least 1",
    ),
    (
        "allocate seats huge",
        ["allocate", "--seats", "1200000000", "--method", "dhondt", "--votes", "A=1,B=2"],
        {},
        "seats",
    ),
    (
        "allocate seats 2**70",
        ["allocate", "--seats", str(2**70), "--method", "dhondt", "--votes", "A=1,B=2"],
        {},
        "seats",
    ),
    (
        "allocate votes 2**70",
        ["allocate", "--seats", "9", "--method", "dhondt", "--votes", f"A={2**70},B=2"],
        {},
        "votes",
    ),
    (
        "allocate threshold percent",
        ["allocate", "--seats", "9", "--method", "hare", "--threshold", "5", "--votes", "A=1"],
        {},
        "0.05",
    ),
    (
        "allocate missing seats",
        ["allocate", "--method", "hare", "--votes", "A=1"],
        {},
        "missing --seats",
    ),
    (
        "allocate missing method",
        ["allocate", "--seats", "9", "--votes", "A=1"],
        {},
        "missing --method",
    ),
    (
        "allocate no votes",
        ["allocate", "--seats", "9", "--method", "hare"],
        {},
        "exactly one of --votes",
    ),
    (
        "allocate nobody passes",
        [
            "allocate",
            "--seats",
            "9",
            "--method",
            "hare",
            "--threshold",
            "0.5",
            "--votes",
            "A=1,B=1,C=1",
        ],
        {},
        "no party passes",
    ),
    (
        "allocate votes file missing",
        ["allocate", "--seats", "9", "--method", "hare", "--votes-file", "nope.csv"],
        {},
        "not found",
    ),
    (
        "allocate votes file header only",
        ["allocate", "--seats", "9", "--method", "hare", "--votes-file", "v.csv"],
        {"v.csv": "party,votes\n"},
        "no rows",
    ),
    (
        "allocate votes file short row",
        ["allocate", "--seats", "9", "--method", "hare", "--votes-file", "v.csv"],
        {"v.csv": "party,votes\nA,5\nB\n"},
        "line 3",
    ),
    (
        "allocate votes file extra cell",
        ["allocate", "--seats", "9", "--method", "hare", "--votes-file", "v.csv"],
        {"v.csv": "party,votes\nA,5,9\nB,3\n"},
        "line 2",
    ),
    (
        "allocate votes file names alike",
        ["allocate", "--seats", "9", "--method", "hare", "--votes-file", "v.csv"],
        {"v.csv": "party,votes\nAuyl,5\nAuyl ,3\n"},
        "Auyl",
    ),
    (
        "allocate votes file symlink loop",
        ["allocate", "--seats", "9", "--method", "hare", "--votes-file", "loop.csv"],
        {"loop.csv": Path("loop.csv")},
        "loop.csv",
    ),
    (
        "allocate votes file not UTF-8",
        ["allocate", "--seats", "9", "--method", "hare", "--votes-file", "v.csv"],
        {"v.csv": b"party,votes\n\xe9,5\n"},
        "UTF-8",
    ),
    (
        "allocate config and votes",
        ["allocate", "kz.toml", "--votes", "A=1"],
        {},
        "cannot be combined",
    ),
    # --- nowcast and replay --------------------------------------------------
    (
        "nowcast series missing",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {"n.toml": night_config("nope.csv")},
        "not found",
    ),
    (
        "nowcast series header only",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {"n.toml": night_config(), "series.csv": night_series()},
        "no rows",
    ),
    (
        "nowcast short row",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {"n.toml": night_config(), "series.csv": night_series(NIGHT_ROW.rsplit(",", 2)[0])},
        "line 2",
    ),
    (
        "nowcast extra cell",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {"n.toml": night_config(), "series.csv": night_series(NIGHT_ROW + ",5")},
        "line 2",
    ),
    (
        "nowcast negative count",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {
            "n.toml": night_config(),
            "series.csv": night_series(NIGHT_ROW.replace(",3314,", ",-3314,")),
        },
        "negative",
    ),
    (
        "nowcast text count",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {
            "n.toml": night_config(),
            "series.csv": night_series(NIGHT_ROW.replace(",3314,", ",many,")),
        },
        "Amanat",
    ),
    (
        "nowcast count 2**70",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {
            "n.toml": night_config(),
            "series.csv": night_series(NIGHT_ROW.replace(",3314,", f",{2**70},")),
        },
        "Amanat",
    ),
    (
        "nowcast reported above total",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {
            "n.toml": night_config(),
            "series.csv": night_series(NIGHT_ROW.replace(",10,363,", ",400,363,")),
        },
        "precincts",
    ),
    (
        "nowcast unknown column",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {
            "n.toml": night_config(),
            "series.csv": night_series(NIGHT_ROW + ",5", header=SERIES_HEADER + ",Nur Otan"),
        },
        "Nur Otan",
    ),
    (
        "nowcast missing party column",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {
            "n.toml": night_config(),
            "series.csv": night_series(
                NIGHT_ROW.rsplit(",", 1)[0], header=SERIES_HEADER.rsplit(",", 1)[0]
            ),
        },
        "Against all",
    ),
    (
        "nowcast duplicate region",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {"n.toml": night_config(), "series.csv": night_series(NIGHT_ROW, NIGHT_ROW)},
        "Abai",
    ),
    (
        "nowcast unknown snapshot label",
        ["nowcast", "night.toml", "--snapshot", "99", "-o", "out.nc"],
        {},
        "'99'",
    ),
    (
        "nowcast output is the series",
        ["nowcast", "night.toml", "-o", f"{NIGHT_NAME}/snapshots.csv"],
        {},
        "is an input",
    ),
    (
        "nowcast output is the config",
        ["nowcast", "night.toml", "-o", "night.toml"],
        {},
        "is an input",
    ),
    (
        "nowcast snapshot folder empty",
        ["nowcast", "night.toml", "folder", "-o", "out.nc"],
        {"folder/notes.txt": "x"},
        "no .csv or .toml",
    ),
    (
        "nowcast snapshot wrong type",
        ["nowcast", "night.toml", "notes.txt", "-o", "out.nc"],
        {"notes.txt": "x"},
        ".csv or .toml",
    ),
    (
        "nowcast unknown key",
        ["nowcast", "n.toml", "-o", "out.nc"],
        {
            "n.toml": night_config(f"{NIGHT_NAME}/snapshots.csv").replace(
                "[nowcast]", "[nowcast]\nunits_file = 'u.csv'"
            )
        },
        "units_file",
    ),
    (
        "replay output is the series",
        ["replay", "night.toml", "-o", f"{NIGHT_NAME}/snapshots.csv"],
        {},
        "is an input",
    ),
    (
        "replay plot is the config",
        ["replay", "night.toml", "-o", "r.nc", "--plot", "night.toml"],
        {},
        "is an input",
    ),
    (
        "replay output and plot alike",
        ["replay", "night.toml", "-o", "r.png", "--plot", "r.png"],
        {},
        "both name",
    ),
    ("replay plot pdf", ["replay", "night.toml", "-o", "r.nc", "--plot", "r.pdf"], {}, ".png"),
    (
        "replay plot empty",
        ["replay", "night.toml", "-o", "r.nc", "--plot", ""],
        {},
        "--plot is empty",
    ),
    (
        "replay plot in missing folder",
        ["replay", "night.toml", "-o", "r.nc", "--plot", "missing/r.png"],
        {},
        "does not exist",
    ),
    ("replay draws zero", ["replay", "night.toml", "-o", "r.nc", "--draws", "0"], {}, "--draws"),
    # --- report --------------------------------------------------------------
    ("report missing file", ["report", "nope.nc"], {}, "not found"),
    ("report a text file", ["report", "kz.toml"], {}, "not a netCDF file"),
    ("report a folder", ["report", "folder"], {"folder/x": ""}, "is a directory"),
    ("report plot over result", ["report", "good.nc", "--plot", "good.nc"], {}, "is an input"),
    ("report plot empty", ["report", "good.nc", "--plot", ""], {}, "--plot is empty"),
    ("report plot pdf", ["report", "good.nc", "--plot", "fig.pdf"], {}, ".png"),
    (
        "report plot in missing folder",
        ["report", "good.nc", "--plot", "missing/fig.png"],
        {},
        "does not exist",
    ),
    (
        "report foreign netCDF",
        ["report", "foreign.nc"],
        {"foreign.nc": "foreign"},
        "not a seatcast result",
    ),
    (
        "report stripped attributes",
        ["report", "stripped.nc"],
        {"stripped.nc": "stripped"},
        "attribute",
    ),
    (
        "report truncated result",
        ["report", "truncated.nc"],
        {"truncated.nc": "truncated"},
        "not a netCDF file",
    ),
    # --- combine -------------------------------------------------------------
    ("combine missing shard", ["combine", "good.nc", "nope.nc", "-o", "all.nc"], {}, "not found"),
    (
        "combine foreign shard",
        ["combine", "good.nc", "foreign.nc", "-o", "all.nc"],
        {"foreign.nc": "foreign"},
        "not a seatcast result",
    ),
    ("combine output is a shard", ["combine", "good.nc", "-o", "good.nc"], {}, "is an input"),
    ("combine output empty", ["combine", "good.nc", "-o", ""], {}, "-o is empty"),
    (
        "combine stripped shard",
        ["combine", "stripped.nc", "-o", "all.nc"],
        {"stripped.nc": "stripped"},
        "attribute",
    ),
    (
        "combine the same shard twice",
        ["combine", "good.nc", "good.nc", "-o", "all.nc"],
        {},
        "good.nc",
    ),
]


@pytest.fixture(scope="module")
def good_result(tmp_path_factory):
    """A small result of the Kazakhstan demo, and files of its shape that are not results."""
    import xarray as xr

    folder = tmp_path_factory.mktemp("results")
    good = folder / "good.nc"
    assert (
        main(
            [
                "run",
                str(CONFIGS / "kazakhstan-2023.toml"),
                "-o",
                str(good),
                "--draws",
                "2000",
                "--seed",
                "1",
                "--quiet",
            ]
        )
        == 0
    )
    with xr.open_dataset(good, engine="h5netcdf") as dataset:
        dataset = dataset.load()
    stripped = dataset.copy()
    stripped.attrs = {}
    stripped.to_netcdf(folder / "stripped.nc", engine="h5netcdf")
    xr.Dataset({"seat_count": ("x", [1, 2])}).to_netcdf(folder / "foreign.nc", engine="h5netcdf")
    (folder / "truncated.nc").write_bytes(good.read_bytes()[:3000])
    return folder


def _prepare(folder, files, results):
    """Write the demo files and the case's own into ``folder``."""
    (folder / "kz.toml").write_text(KZ, encoding="utf-8")
    shutil.copy(CONFIGS / f"{NIGHT_NAME}.toml", folder / "night.toml")
    (folder / "night.toml").write_text(
        night_config(f"{NIGHT_NAME}/snapshots.csv"), encoding="utf-8"
    )
    shutil.copytree(CONFIGS / NIGHT_NAME, folder / NIGHT_NAME)
    shutil.copy(CONFIGS / "poland-sejm-2019.toml", folder / "poland.toml")
    shutil.copy(CONFIGS / "poland-sejm-2019-districts.csv", folder)
    shutil.copy(results / "good.nc", folder)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is FIFO:
            os.mkfifo(path)
        elif isinstance(content, Path):
            path.symlink_to(content)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        elif content in ("foreign", "stripped", "truncated"):
            shutil.copy(results / f"{content}.nc", path)
        else:
            path.write_text(content, encoding="utf-8")


def _snapshot(folder):
    return {
        path: (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
        if not path.is_symlink() or path.exists()
    } | {path: "link" for path in folder.rglob("*") if path.is_symlink()}


@pytest.mark.parametrize(
    ("argv", "files", "words"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_bad_input_is_refused_in_one_line_and_changes_nothing(
    tmp_path, good_result, monkeypatch, capsys, argv, files, words
):
    _prepare(tmp_path, files, good_result)
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    try:
        status = main(list(argv))
    except SystemExit as stopped:
        status = stopped.code
    captured = capsys.readouterr()
    assert status == 2, captured.err
    assert captured.out == ""
    assert captured.err.startswith("seatcast: error: "), captured.err
    assert captured.err.count("\n") == 1, captured.err
    assert words in captured.err
    assert not any(inner in captured.err for inner in ("Decimal(", "Fraction(", "np.", "Traceback"))
    assert _snapshot(tmp_path) == before


def test_the_catalogue_is_large_and_names_each_case_once():
    assert len(CASES) >= 120
    assert len({case[0] for case in CASES}) == len(CASES)
