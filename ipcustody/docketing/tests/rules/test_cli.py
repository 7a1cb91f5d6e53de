"""The JSON-lines CLI, run as ``python -m ipcustody.docketing`` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ipcustody.docketing.cli import encode, handle_line

ROOT = Path(__file__).resolve().parents[4]


def run_cli(lines: list[str]) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "ipcustody.docketing"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert proc.stderr == ""
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_the_cli_answers_every_op_in_order_and_survives_malformed_lines() -> None:
    lines = [
        '{"op": "time_limit", "from": "1999-12-16", "months": 2, "service": "mail", "right": "patent"}',
        "",
        "not json at all",
        '{"op": "time_limit", "from": "2007-10-30", "months": 2, "service": "none", "right": "patent"}',
        '{"op": "launch_rockets"}',
        '{"op": "expiry", "kind": "invention", "filing_date": "2001-01-16"}',
        '{"op": "expiry", "kind": "trademark", "registration_date": "2013-05-21"}',
        '{"op": "annuity", "kind": "invention", "filing_date": "2001-01-16", "year": 12, "reduction": 0, '
        '"grant_year": null, "paid_on": "2012-03-12"}',
        '{"op": "exam_request", "filing_date": "1998-06-01", "priority_date": null}',
        '{"op": "expiry", "kind": "invention", "filing_date": "2021-02-30"}',
        '{"op": "pct_entry", "priority_date": "2023-03-31"}',
        '{"op": "priority", "kind": "design", "first_filing_date": "2024-04-01"}',
        '{"op": "annuity", "kind": "invention", "filing_date": "2001-01-16", "year": "12", "reduction": 0}',
        "   ",
        '{"op": "pct_entry"}',
        "[1, 2]",
    ]
    answers = run_cli(lines)
    assert answers == [
        {"received": "1999-12-31", "due": "2000-02-29", "provisional": True},
        {"error": answers[1]["error"]},
        {"received": "2007-10-30", "due": "2008-01-02", "provisional": False},
        {"error": answers[3]["error"]},
        {"expiry": "2021-01-16"},
        {"expiry": "2023-05-20", "renewal_from": "2022-05-21", "grace_until": "2023-11-20"},
        {"due": "2012-01-16", "base": 4000.0, "payable": 4000.0, "surcharge": 200.0, "total": 4200.0,
         "grace_until": "2012-07-16", "lapsed": False},
        {"due": "2001-06-01"},
        {"error": answers[8]["error"]},
        {"due": "2025-09-30", "late_due": "2025-12-01"},
        {"due": "2024-10-08"},
        {"error": answers[11]["error"]},
        {"error": answers[12]["error"]},
        {"error": answers[13]["error"]},
    ]
    assert "JSON" in answers[1]["error"]
    assert "unknown op" in answers[3]["error"]
    assert "not a real date" in answers[8]["error"]
    assert "year" in answers[11]["error"]
    assert "priority_date" in answers[12]["error"]
    assert "object" in answers[13]["error"]


def test_the_cli_writes_amounts_with_two_decimals_in_key_order() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ipcustody.docketing"],
        input='{"op": "annuity", "kind": "utility_model", "filing_date": "2019-03-01", "year": 3, '
              '"reduction": 0.85, "grant_year": 2, "paid_on": "2021-04-15"}\n',
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=True,
    )
    assert proc.stdout == ('{"due": "2021-03-01", "base": 600.00, "payable": 90.00, "surcharge": 30.00, '
                           '"total": 120.00, "grace_until": "2021-09-01", "lapsed": false}\n')


def test_the_cli_flushes_each_answer_before_the_next_request() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "ipcustody.docketing"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write('{"op": "pct_entry", "priority_date": "2023-03-31"}\n')
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline()) == {"due": "2025-09-30", "late_due": "2025-12-01"}
        proc.stdin.write('{"op": "priority", "kind": "trademark", "first_filing_date": "2023-03-15"}\n')
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline()) == {"due": "2023-09-15"}
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0


def test_the_cli_answers_a_lapsed_annuity_and_a_reduced_one() -> None:
    answers = run_cli([
        '{"op": "annuity", "kind": "invention", "filing_date": "2001-01-16", "year": 12, "reduction": 0, '
        '"grant_year": null, "paid_on": "2012-08-01"}',
        '{"op": "annuity", "kind": "design", "filing_date": "2021-06-01", "year": 11, "reduction": 0.7, '
        '"grant_year": 2, "paid_on": null}',
    ])
    assert answers[0]["lapsed"] is True and answers[0]["surcharge"] == 1000.0
    assert answers[1] == {"due": "2031-06-02", "base": 3000.0, "payable": 900.0, "surcharge": 0.0, "total": 900.0,
                          "grace_until": "2031-12-01", "lapsed": False}


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('{"op": "time_limit", "from": "2024-01-01", "months": -1, "service": "none", "right": "patent"}',
         "at least 0"),
        ('{"op": "time_limit", "from": "2024-01-01", "months": 1.5, "service": "none", "right": "patent"}',
         "whole number"),
        ('{"op": "time_limit", "from": "2024-01-01", "months": true, "service": "none", "right": "patent"}',
         "whole number"),
        ('{"op": "time_limit", "from": "2024-01-01", "months": 1, "service": "pigeon", "right": "patent"}',
         "service"),
        ('{"op": "time_limit", "from": "20240101", "months": 1, "service": "none", "right": "patent"}',
         "YYYY-MM-DD"),
        ('{"op": "time_limit", "from": "2024-01-01", "months": 1, "service": "none"}', "missing field 'right'"),
        ('{"op": "expiry", "kind": "trademark", "filing_date": "2020-01-01"}', "registration_date"),
        ('{"op": "expiry", "kind": "invention", "registration_date": "2020-01-01"}', "filing_date"),
        ('{"op": "expiry", "kind": "copyright", "filing_date": "2020-01-01"}', "kind"),
        ('{"op": "annuity", "kind": "trademark", "filing_date": "2020-01-01", "year": 1, "reduction": 0}', "kind"),
        ('{"op": "annuity", "kind": "invention", "filing_date": "2020-01-01", "year": 1, "reduction": "0.85"}',
         "reduction"),
        ('{"op": "annuity", "kind": "invention", "filing_date": "2020-01-01", "year": 21, "reduction": 0}',
         "no year 21"),
        ('{"op": "annuity", "kind": "invention", "filing_date": "2020-01-01", "year": 2, "reduction": 0, '
         '"paidon": "2021-01-01"}', "unexpected field"),
        ('{"op": "exam_request", "filing_date": null}', "may not be null"),
        ('{"op": "pct_entry", "priority_date": "2023-13-01"}', "not a real date"),
        ('{"op": "pct_entry", "priority_date": NaN}', "JSON"),
        ('{"op": 3}', "unknown op"),
    ],
)
def test_a_malformed_request_gets_an_error_answer(line: str, fragment: str) -> None:
    answer = handle_line(line)
    assert answer is not None and set(answer) == {"error"}
    assert fragment in answer["error"]


def test_a_blank_line_gets_no_answer() -> None:
    assert handle_line("   \n") is None


def test_encode_keeps_decimals_exact() -> None:
    from decimal import Decimal

    assert encode({"a": Decimal("0.1"), "b": True, "c": None}) == '{"a": 0.10, "b": true, "c": null}'
