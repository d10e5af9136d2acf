"""`seatcast allocate` on the command line: tables, JSON, flags, and bad input."""

import json
import subprocess
import sys
import warnings

import pytest

from seatcast.engine.cli.main import _held_warnings, main
from seatcast.engine.errors import ConfigError
from tests.configs import CONFIGS, KAZAKHSTAN_SEATS

KZ_VOTES = (
    "Amanat=3431510,Auyl=693938,Respublica=547154,Ak Zhol=535139,"
    "People's Party of Kazakhstan=432920,JSDP=331058,Baytaq=146431"
)
KZ_RULES = ["--seats", "69", "--method", "hare", "--threshold", "0.05", "--threshold-base", "all"]


def run_json(capsys, *args):
    assert main(["allocate", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_ad_hoc_flags_reproduce_kazakhstan(capsys):
    record = run_json(
        capsys,
        *KZ_RULES,
        "--votes",
        KZ_VOTES,
        "--other",
        "Against all=248291",
    )
    assert list(record["seats"].values()) == KAZAKHSTAN_SEATS
    assert record["other_votes"] == {"Against all": 248291}


def test_votes_file_with_kind_column(tmp_path, capsys):
    rows = ["party,votes,kind"] + [
        f'"{p}",{v},party' for p, v in (item.split("=") for item in KZ_VOTES.split(","))
    ]
    rows.append("Against all,248291,other")
    path = tmp_path / "kz.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    record = run_json(
        capsys,
        "--seats",
        "69",
        "--method",
        "hare",
        "--threshold",
        "5%",
        "--threshold-base",
        "all",
        "--votes-file",
        str(path),
    )
    assert list(record["seats"].values()) == KAZAKHSTAN_SEATS


def test_names_with_accents_apostrophes_and_parentheses(capsys):
    record = run_json(
        capsys,
        "--seats",
        "6",
        "--method",
        "dhondt",
        "--votes",
        "Māori Party (Te Pāti)=320, O'Brien List=210,Ökologie=95",
    )
    assert record["seats"] == {"Māori Party (Te Pāti)": 3, "O'Brien List": 2, "Ökologie": 1}


def test_flags_override_the_config(capsys):
    record = run_json(capsys, str(CONFIGS / "kazakhstan-2023.toml"), "--method", "dhondt")
    assert record["method"] == "dhondt"
    assert record["seats"]["Amanat"] == 41
    record = run_json(capsys, str(CONFIGS / "kazakhstan-2023.toml"), "--threshold", "0.07")
    assert record["eligible"] == ["Amanat", "Auyl", "Respublica", "Ak Zhol"]
    assert sum(record["seats"].values()) == 69


def test_strict_threshold_exempt_and_party_threshold(capsys):
    votes = "A=53,B=28,C=14,D=5"
    at = run_json(
        capsys, "--seats", "10", "--method", "hare", "--threshold", "0.05", "--votes", votes
    )
    assert at["seats"]["D"] > 0
    strict = run_json(
        capsys,
        "--seats",
        "10",
        "--method",
        "hare",
        "--threshold",
        "0.05",
        "--threshold-strict",
        "--votes",
        votes,
    )
    assert strict["seats"]["D"] == 0 and strict["threshold_strict"] is True
    coalition = run_json(
        capsys,
        "--seats",
        "10",
        "--method",
        "hare",
        "--threshold",
        "0.05",
        "--party-threshold",
        "C=0.2",
        "--exempt",
        "D",
        "--votes",
        votes,
    )
    assert coalition["seats"]["C"] == 0 and coalition["seats"]["D"] > 0


def test_ties_flag_and_report(capsys):
    args = ["--seats", "3", "--method", "dhondt", "--votes", "A=100,B=100,C=50"]
    assert main(["allocate", *args]) == 2
    assert "tie for a seat" in capsys.readouterr().err
    record = run_json(capsys, *args, "--ties", "list-order")
    assert record["ties"][0]["parties"] == ["A", "B", "C"]
    assert record["seats"] == {"A": 2, "B": 1, "C": 0}
    assert main(["allocate", *args, "--ties", "list-order"]) == 0
    assert "tie: A, B, C tied; A won 1 seat(s) by list-order" in capsys.readouterr().out


def test_shares_flag_carries_the_caveat(capsys):
    record = run_json(
        capsys,
        *KZ_RULES,
        "--shares",
        "Amanat=53.90,Auyl=10.90,Respublica=8.59,Ak Zhol=8.41,"
        "People's Party of Kazakhstan=6.80,JSDP=5.20,Baytaq=2.30",
        "--other",
        "Against all=3.90",
    )
    assert list(record["seats"].values()) == KAZAKHSTAN_SEATS
    assert "rounded" in record["notes"][0]


def test_table_output(capsys):
    assert main(["allocate", str(CONFIGS / "kazakhstan-2023.toml")]) == 0
    out = capsys.readouterr().out
    assert "Amanat" in out and "Against all (no seats)" in out
    total = next(line for line in out.splitlines() if line.startswith("total"))
    assert total.split()[-1] == "69"
    assert out.splitlines()[-1] == (
        "effective number of parties (by seats) 2.68; Gallagher index 4.37 points"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--seats", "69", "--method", "hare-quota", "--votes", "A=1"], "unknown method"),
        (["--seats", "69", "--method", "hare", "--votes", "A=-5,B=3"], "must not be negative"),
        (["--seats", "69", "--method", "hare", "--votes", "A=lots"], "votes.A must be a number"),
        (["--seats", "69", "--method", "hare", "--votes", "A 5"], "must be NAME=VALUE"),
        (["--seats", "69", "--method", "hare", "--votes", "A=1,A=2"], "listed twice"),
        (["--seats", "0", "--method", "hare", "--votes", "A=1"], "at least 1"),
        (["--seats", "9", "--method", "hare", "--threshold", "5", "--votes", "A=1"], "0.05"),
        (["--seats", "9", "--method", "hare", "--exempt", "Z", "--votes", "A=1"], "'Z'"),
        (["--method", "hare", "--votes", "A=1"], "missing --seats"),
        (["--seats", "9", "--votes", "A=1"], "missing --method"),
        (["--seats", "9", "--method", "hare"], "exactly one of --votes"),
        (
            ["--seats", "9", "--method", "hare", "--threshold", "0.5", "--votes", "A=1,B=1,C=1"],
            "no party passes",
        ),
        ([str(CONFIGS / "kazakhstan-2023.toml"), "--votes", "A=1"], "cannot be combined"),
        (["missing.toml"], "config file not found"),
        (["--seats", "9", "--method", "hare", "--votes-file", "nope.csv"], "not found"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, message):
    assert main(["allocate", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("seatcast: error: ") and message in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_votes_file_errors(tmp_path, capsys):
    path = tmp_path / "v.csv"
    path.write_text("name,count\nA,1\n", encoding="utf-8")
    assert main(["allocate", "--seats", "3", "--method", "hare", "--votes-file", str(path)]) == 2
    assert "missing column(s) party, votes" in capsys.readouterr().err
    path.write_text("party,votes,kind\nA,1,blank\n", encoding="utf-8")
    assert main(["allocate", "--seats", "3", "--method", "hare", "--votes-file", str(path)]) == 2
    assert "line 2: kind must be party or other" in capsys.readouterr().err


def test_console_script_exit_status_without_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[rules]\nseats = 5\nmethod = "hare"\n[votes]\nA = "x"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "seatcast.engine.cli", "allocate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "votes.A must be a number" in result.stderr
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "seatcast.engine.cli",
            "allocate",
            str(CONFIGS / "kazakhstan-2021.toml"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(ok.stdout)["seats"]["Nur Otan"] == 76


def test_a_deterministic_sweep_prints_one_row_per_rule(capsys):
    args = ["allocate", str(CONFIGS / "kazakhstan-2023.toml"), "--threshold", "0.03:0.10:0.01"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == "sweep: threshold 0.03 to 0.1 (8 values)"
    rows = {line.split()[0] + " %": line.split()[2:] for line in lines if line[:1].isdigit()}
    assert rows["5 %"][:7] == [str(s) for s in KAZAKHSTAN_SEATS]
    assert rows["7 %"][:7] == ["46", "9", "7", "7", "0", "0", "0"]
    assert rows["5 %"][7:] == ["2.68", "4.37"]  # ENP 4761/1777, Gallagher


def test_a_sweep_reports_points_the_rules_cannot_allocate(capsys):
    args = ["--votes", "a=70,b=20,c=10", "--seats", "2:3", "--method", "adams,hare"]
    record = run_json(capsys, *args, "--threshold", "0.05")
    by_point = {(p["method"], p["n_seats"]): p for p in record["points"]}
    assert by_point["adams", 2]["seats"] is None
    assert "3 parties pass and there are only 2 seats" in by_point["adams", 2]["error"]
    assert "tie for a seat: 'a', 'b'" in by_point["hare", 2]["error"]  # remainders 20 and 20
    assert by_point["adams", 3]["seats"] == {"a": 1, "b": 1, "c": 1}
    assert by_point["hare", 3]["seats"] == {"a": 2, "b": 1, "c": 0}
    assert main(["allocate", *args]) == 0
    out = capsys.readouterr().out
    assert "adams 2: " in out and "–" in out


def test_a_sweep_with_a_tie_policy_of_error_reports_the_tie_per_point(capsys):
    args = ["--votes", "a=50,b=50", "--seats", "1:2", "--method", "dhondt"]
    record = run_json(capsys, *args)
    by_seats = {p["n_seats"]: p for p in record["points"]}
    assert by_seats[1]["seats"] is None and "tie" in by_seats[1]["error"]
    assert by_seats[2]["seats"] == {"a": 1, "b": 1}


def test_an_election_night_config_refuses_a_sweep_section(tmp_path, capsys):
    night = CONFIGS / "kazakhstan-2023-election-night.toml"
    text = night.read_text(encoding="utf-8").replace(
        'snapshots = "', f'snapshots = "{night.parent}/'
    )
    config = tmp_path / "night.toml"
    config.write_text(text + '\n[sweep]\nthreshold = "0.03:0.1:0.01"\n', encoding="utf-8")
    assert main(["allocate", str(config)]) == 2
    assert "[sweep] does not go with [nowcast]" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "the following arguments are required: COMMAND"),
        (["simulate"], "invalid choice: 'simulate'"),
        (["run"], "the following arguments are required: config"),
        (["run", "x.toml", "--drawz", "5"], "unrecognized arguments: --drawz 5"),
        (["run", "x.toml", "--backend", "mpi"], "invalid choice: 'mpi'"),
    ],
)
def test_argument_errors_are_one_line(capsys, argv, message):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("seatcast: error: ") and message in captured.err
    assert captured.err.count("\n") == 1 and "usage:" not in captured.err


def test_a_symlink_loop_is_one_line(tmp_path, capsys):
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    assert main(["run", str(loop), "-o", str(tmp_path / "out.nc")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("seatcast: error: cannot read config file") and error.count("\n") == 1


def test_warnings_before_an_error_give_way_to_the_one_line():
    with warnings.catch_warnings(record=True) as escaped:
        warnings.simplefilter("always")
        with pytest.raises(ConfigError), _held_warnings():
            warnings.warn("overflow encountered in square", RuntimeWarning, stacklevel=1)
            raise ConfigError("model.sd is too large")
    assert escaped == []


def test_warnings_of_a_command_that_succeeds_are_shown():
    with pytest.warns(RuntimeWarning, match="overflow encountered in square"), _held_warnings():
        warnings.warn("overflow encountered in square", RuntimeWarning, stacklevel=1)


def test_a_votes_file_error_names_the_real_line_after_blank_lines(tmp_path, capsys):
    path = tmp_path / "v.csv"
    path.write_text("party,votes\nA,1\n\n\nA,2\n", encoding="utf-8")
    assert main(["allocate", "--seats", "3", "--method", "hare", "--votes-file", str(path)]) == 2
    assert "line 5: party 'A' is listed twice" in capsys.readouterr().err


def test_the_console_command_imports_dask_only_to_run_on_it(tmp_path):
    """Start-up: xarray imports Dask wherever it is installed; a run on threads keeps it out.

    The test environment has the ``dask`` extra, so the check can fail.
    """

    def imported(*flags):
        command = [sys.executable, "-X", "importtime", "-m", "seatcast.engine.cli", "run"]
        command += [str(CONFIGS / "kazakhstan-2023.toml"), "--draws", "1000", "--quiet"]
        command += ["-o", str(tmp_path / "out.nc"), *flags]
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}

    # (A refused import is logged too, as a bare "dask"; a real one loads dask.config.)
    assert not {m for m in imported() if m.startswith(("dask.", "distributed"))}
    assert {"dask.config", "distributed"} <= imported("--backend", "dask", "--workers", "1")
