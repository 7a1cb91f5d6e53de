"""JSON-lines command line front end: ``python -m ipcustody.docketing``.

Reads one JSON request per line on stdin and writes one JSON answer per line
on stdout, in order, flushing after each line so that a caller can talk to
it through a pipe one request at a time. Blank lines are skipped (no answer).
A malformed request (bad JSON, not an object, unknown op, missing,
unexpected or ill-typed field, impossible date, or a request the rules
reject) gets ``{"error": "..."}`` on its line and the stream goes on.

Requests and answers (dates are ``"YYYY-MM-DD"`` strings, amounts are JSON
numbers in yuan with exactly two decimals):

* ``{"op": "time_limit", "from", "months", "service", "right"}`` →
  ``{"received", "due", "provisional"}``; ``service`` is ``none``, ``mail``,
  ``electronic`` (or ``public_notice``), ``right`` is ``patent`` or
  ``trademark``.
* ``{"op": "expiry", "kind", "filing_date"}`` → ``{"expiry"}``; for
  ``kind: "trademark"`` give ``registration_date`` instead and get
  ``{"expiry", "renewal_from", "grace_until"}``.
* ``{"op": "annuity", "kind", "filing_date", "year", "reduction",
  "grant_year", "paid_on"}`` → ``{"due", "base", "payable", "surcharge",
  "total", "grace_until", "lapsed"}``. ``grant_year`` and ``paid_on`` may be
  null or absent; an optional ``grant_notice_received`` date makes the
  grant-year fee due with registration (see ``patents.annuity``).
* ``{"op": "exam_request", "filing_date", "priority_date"}`` → ``{"due"}``.
* ``{"op": "pct_entry", "priority_date"}`` → ``{"due", "late_due"}``.
* ``{"op": "priority", "kind", "first_filing_date"}`` → ``{"due"}``.

Which dates move off rest days: every ``due``, ``late_due`` and
``grace_until`` does (they are last days for an act, IR Rule 5 / TMIR Rule
12); ``expiry``, ``renewal_from`` and ``received`` do not.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import IO, Any

from . import tables
from .deadlines import exam_request, pct_entry, priority
from .patents import annuity, expiry
from .timelimits import RIGHTS, SERVICE_METHODS, time_limit
from .trademarks import trademark_expiry

__all__ = ["RequestError", "encode", "handle", "handle_line", "main"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_REDUCTIONS = (Decimal("0"), Decimal("0.85"), Decimal("0.7"))

Answer = dict[str, Any]


class RequestError(ValueError):
    """The request itself is malformed."""


class _Request:
    """Typed access to one request's fields, tracking which were used."""

    def __init__(self, data: dict[str, Any], op: str) -> None:
        self.data = data
        self.op = op

    def _raw(self, key: str, nullable: bool) -> Any:
        if key not in self.data:
            if nullable:
                return None
            raise RequestError(f"{self.op}: missing field {key!r}")
        value = self.data[key]
        if value is None and not nullable:
            raise RequestError(f"{self.op}: field {key!r} may not be null")
        return value

    def date_field(self, key: str, *, nullable: bool = False) -> date | None:
        value = self._raw(key, nullable)
        if value is None:
            return None
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise RequestError(f"{self.op}: field {key!r} must be a date \"YYYY-MM-DD\", got {json.dumps(value)}")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise RequestError(f"{self.op}: field {key!r} is not a real date: {value}") from None

    def required_date(self, key: str) -> date:
        value = self.date_field(key)
        assert value is not None
        return value

    def integer(self, key: str, *, minimum: int, nullable: bool = False) -> int | None:
        value = self._raw(key, nullable)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise RequestError(f"{self.op}: field {key!r} must be a whole number, got {json.dumps(value)}")
        if value < minimum:
            raise RequestError(f"{self.op}: field {key!r} must be at least {minimum}, got {value}")
        return value

    def required_integer(self, key: str, *, minimum: int) -> int:
        value = self.integer(key, minimum=minimum)
        assert value is not None
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self._raw(key, False)
        if value not in choices:
            raise RequestError(f"{self.op}: field {key!r} must be one of {', '.join(choices)}, got {json.dumps(value)}")
        return str(value)

    def reduction(self, key: str) -> Decimal:
        value = self._raw(key, False)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RequestError(f"{self.op}: field {key!r} must be 0, 0.85 or 0.7, got {json.dumps(value)}")
        ratio = Decimal(str(value))
        if ratio not in _REDUCTIONS:
            raise RequestError(f"{self.op}: field {key!r} must be 0, 0.85 or 0.7 (the reduction ratio granted), "
                               f"got {value}")
        return ratio


def _time_limit(req: _Request) -> Answer:
    result = time_limit(req.required_date("from"), months=req.required_integer("months", minimum=0),
                        service=req.choice("service", SERVICE_METHODS),  # type: ignore[arg-type]
                        right=req.choice("right", RIGHTS))  # type: ignore[arg-type]
    return {"received": result.received, "due": result.due, "provisional": result.provisional}


def _expiry(req: _Request) -> Answer:
    kind = req.choice("kind", tables.KINDS)
    if kind == "trademark":
        if "filing_date" in req.data:
            raise RequestError("expiry: a trademark's term runs from its registration_date, not filing_date")
        mark = trademark_expiry(req.required_date("registration_date"))
        return {"expiry": mark.expiry, "renewal_from": mark.renewal_from, "grace_until": mark.grace_until}
    if "registration_date" in req.data:
        raise RequestError("expiry: a patent's term runs from its filing_date, not registration_date")
    return {"expiry": expiry(kind, req.required_date("filing_date")).expiry}


def _annuity(req: _Request) -> Answer:
    result = annuity(req.choice("kind", tables.PATENT_KINDS), req.required_date("filing_date"),
                     req.required_integer("year", minimum=1), reduction=req.reduction("reduction"),
                     grant_year=req.integer("grant_year", minimum=1, nullable=True),
                     paid_on=req.date_field("paid_on", nullable=True),
                     grant_notice_received=req.date_field("grant_notice_received", nullable=True))
    return {"due": result.due, "base": result.base, "payable": result.payable, "surcharge": result.surcharge,
            "total": result.total, "grace_until": result.grace_until, "lapsed": result.lapsed}


def _exam_request(req: _Request) -> Answer:
    result = exam_request(req.required_date("filing_date"), req.date_field("priority_date", nullable=True))
    return {"due": result.due}


def _pct_entry(req: _Request) -> Answer:
    result = pct_entry(req.required_date("priority_date"))
    return {"due": result.due, "late_due": result.late_due}


def _priority(req: _Request) -> Answer:
    return {"due": priority(req.choice("kind", tables.KINDS), req.required_date("first_filing_date")).due}


#: op → (handler, fields it accepts besides "op").
OPS: dict[str, tuple[Callable[[_Request], Answer], frozenset[str]]] = {
    "time_limit": (_time_limit, frozenset({"from", "months", "service", "right"})),
    "expiry": (_expiry, frozenset({"kind", "filing_date", "registration_date"})),
    "annuity": (_annuity, frozenset({"kind", "filing_date", "year", "reduction", "grant_year", "paid_on",
                                     "grant_notice_received"})),
    "exam_request": (_exam_request, frozenset({"filing_date", "priority_date"})),
    "pct_entry": (_pct_entry, frozenset({"priority_date"})),
    "priority": (_priority, frozenset({"kind", "first_filing_date"})),
}


def handle(request: Any) -> Answer:
    """Answer one decoded request; errors become ``{"error": message}``.

    Unknown fields are rejected rather than ignored so that a misspelt
    optional field (``paidon``) cannot silently change an answer.
    """
    try:
        if not isinstance(request, dict):
            raise RequestError("a request must be a JSON object")
        op = request.get("op")
        if not isinstance(op, str) or op not in OPS:
            raise RequestError(f"unknown op {json.dumps(op)}; expected one of {', '.join(OPS)}")
        handler, allowed = OPS[op]
        extra = sorted(set(request) - allowed - {"op"})
        if extra:
            raise RequestError(f"{op}: unexpected field(s) {', '.join(extra)}")
        return handler(_Request(request, op))
    except ValueError as exc:  # RequestError, NoRuleError and rule violations
        return {"error": str(exc)}
    except Exception as exc:  # keep the stream going whatever happens
        return {"error": f"internal error: {type(exc).__name__}: {exc}"}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def handle_line(line: str) -> Answer | None:
    """Answer one input line, or return None for a blank line."""
    if not line.strip():
        return None
    try:
        request = json.loads(line, parse_constant=_reject_constant)
    except ValueError as exc:
        return {"error": f"bad JSON: {exc}"}
    return handle(request)


def encode(answer: Answer) -> str:
    """Serialise an answer as one JSON line, keys in the documented order.

    Decimal amounts are written as JSON numbers with exactly two decimals
    (``900.00``), converting at this edge only, so no binary-float rounding
    ever touches a fee.
    """
    parts = []
    for key, value in answer.items():
        if isinstance(value, Decimal):
            text = f"{value:.2f}"
        elif isinstance(value, date):
            text = json.dumps(value.isoformat())
        else:
            text = json.dumps(value)
        parts.append(f"{json.dumps(key)}: {text}")
    return "{" + ", ".join(parts) + "}"


def serve(stdin: IO[bytes], stdout: IO[str]) -> None:
    """Answer requests from ``stdin`` until end of input, one line at a time."""
    while True:
        raw = stdin.readline()
        if not raw:
            return
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            answer: Answer | None = {"error": f"bad JSON: input is not UTF-8 ({exc.reason})"}
        else:
            answer = handle_line(line)
        if answer is None:
            continue
        stdout.write(encode(answer) + "\n")
        stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m ipcustody.docketing``."""
    parser = argparse.ArgumentParser(
        prog="python -m ipcustody.docketing",
        description="Chinese IP deadline and fee calculator: JSON requests on stdin, one per line; "
                    "one JSON answer per line on stdout. Ops: " + ", ".join(OPS) + ".")
    parser.parse_args(argv)
    try:
        serve(sys.stdin.buffer, sys.stdout)
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
