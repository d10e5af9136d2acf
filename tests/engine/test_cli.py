"""`seatcast allocate` on the command line: tables, JSON, flags, and bad input."""

import json
import subprocess
import sys

import pytest

from seatcast.engine.cli import main
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
    assert out.splitlines()[-1].split()[-1] == "69"


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
