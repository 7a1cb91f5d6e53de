"""Asset validation in words a non-lawyer understands; shared by the model's clean(), the import and the API.

The number rules themselves live in the pure module `numbers.py`; this module turns its problem codes into
messages attached to the field they concern, and normalises the fields (numbers, classes) on the way.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import numbers

MESSAGES = {
    "format": _("This is not a Chinese application number: expected 12 digits, a dot and a check character "
                "(e.g. 201711118060.3), or the older 8 digits, a dot and a check character (e.g. 01101467.9)."),
    "year": _("The year %(year)s does not fit this number format (12+1 digits from 2003, 8+1 digits before)."),
    "type": _("The type digit %(digit)s is not used: 1 invention, 2 utility model, 3 design, 8 and 9 PCT "
              "national phase."),
    "check": _("The check character does not match: for these digits it should be %(expected)s, not %(given)s. "
               "Please compare the number with the filing receipt."),
    "kind": _("The type digit %(digit)s says this is a %(number_kind)s application, not a %(kind)s."),
    "filing_year": _("The number says the application was filed in %(number_year)s, but the filing date is in "
                     "%(filing_year)s."),
    "patent_number": _("A patent number is ZL followed by a valid application number."),
    "document_format": _("Expected CN, 7 or 9 digits and a kind code, e.g. CN108722134A."),
    "document_kind": _("Wrong document for this kind of patent: expected %(expected)s."),
    "nice_format": _("“%(given)s” is not a Nice class number."),
    "nice_range": _("Nice class %(given)s does not exist: classes run from 1 to 45."),
    "trademark_format": _("A trademark registration number is digits only (Madrid marks: G followed by digits)."),
    "software_format": _("A software registration number looks like 2019SR1234567."),
    "ipc_format": _("“%(given)s” is not an IPC symbol such as A61K 39/395."),
    "locarno_format": _("“%(given)s” is not a Locarno class such as 24-02."),
}

KIND_NAMES = {
    numbers.INVENTION: _("invention"), numbers.UTILITY_MODEL: _("utility model"), numbers.DESIGN: _("design"),
}


def message(problem: numbers.Problem):
    params = dict(problem.params)
    for key in ("number_kind", "kind"):
        if key in params:
            params[key] = KIND_NAMES.get(params[key], params[key])
    return MESSAGES[problem.code] % params if params else MESSAGES[problem.code]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The corresponding day `months` later (the month's last day when it has no such day)."""
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _add(errors: dict[str, list], field: str, text) -> None:
    errors.setdefault(field, []).append(text)


def parse_priority_claims(value: Any) -> tuple[list[dict], Any]:
    """Priority claims from the API/JSON (a list of dicts) or a spreadsheet cell "US 16/123,456 2019-05-01; …"."""
    if not value:
        return [], None
    if isinstance(value, str):
        claims = []
        for part in [p.strip() for p in value.replace("；", ";").split(";") if p.strip()]:
            bits = part.split()
            if len(bits) < 3:
                return [], _("Write each priority claim as “country number date”, e.g. US 16/123,456 2019-05-01.")
            claims.append({"country": bits[0], "number": " ".join(bits[1:-1]), "date": bits[-1]})
        value = claims
    if not isinstance(value, list):
        return [], _("Priority claims must be a list.")
    result = []
    for claim in value:
        if not isinstance(claim, dict) or not {"country", "number", "date"} <= set(claim):
            return [], _("Each priority claim needs a country, a number and a date.")
        country = str(claim["country"]).strip().upper()
        if len(country) != 2 or not country.isalpha():
            return [], _("“%(country)s” is not a two-letter country code (CN, US, EP, JP …).") % {"country": country}
        date = claim["date"]
        if not isinstance(date, datetime.date):
            try:
                date = datetime.date.fromisoformat(str(date).strip()[:10])
            except ValueError:
                return [], _("The priority date “%(date)s” is not a date (YYYY-MM-DD).") % {"date": claim["date"]}
        result.append({"country": country, "number": str(claim["number"]).strip(), "date": date.isoformat()})
    return result, None


def asset_errors(asset) -> dict[str, list]:
    """Validate and normalise an Asset in place; return {field: [messages]} (empty when valid)."""
    from .models import AssetKind

    errors: dict[str, list] = {}
    kind = asset.kind
    if kind != AssetKind.TRADE_SECRET and not asset.number:
        _add(errors, "number", _("Give the application or registration number."))
    if asset.number and kind in (numbers.INVENTION, numbers.UTILITY_MODEL, numbers.DESIGN):
        asset.number = numbers.normalise_application_number(asset.number)
        filing_year = asset.filing_date.year if asset.filing_date else None
        problem = numbers.validate_application_number(asset.number, kind, filing_year)
        if problem:
            _add(errors, "number", message(problem))
        for field, stage in (("publication_number", "publication"), ("grant_number", "grant")):
            value = numbers.normalise_document_number(getattr(asset, field))
            setattr(asset, field, value)
            if value:
                problem = numbers.validate_document_number(value, kind, stage)
                if problem:
                    _add(errors, field, message(problem))
        if kind == numbers.INVENTION and not numbers.same_document_series(asset.publication_number, asset.grant_number):
            _add(errors, "grant_number", _("A granted invention (B) keeps the number of its publication (A)."))
        if kind != numbers.INVENTION and asset.publication_number and not errors.get("publication_number"):
            _add(errors, "publication_number", _("Utility models and designs are not published before grant; "
                                                 "put the announcement number under grant number."))
        classes, problem = numbers.parse_classes(asset.classes, kind)
        if problem:
            _add(errors, "classes", message(problem))
        else:
            asset.classes = "; ".join(classes)
            asset.main_class = numbers.main_ipc(classes) if kind != numbers.DESIGN else ""
        if not asset.filing_date:
            _add(errors, "filing_date", _("A patent needs its filing date."))
    elif asset.number:
        asset.number = asset.number.strip().upper()
        if kind == AssetKind.TRADEMARK:
            problem = numbers.validate_trademark_number(asset.number)
            if problem:
                _add(errors, "number", message(problem))
        elif kind == AssetKind.SOFTWARE:
            problem = numbers.validate_software_number(asset.number)
            if problem:
                _add(errors, "number", message(problem))
    if kind not in (numbers.INVENTION, numbers.UTILITY_MODEL, numbers.DESIGN):
        asset.main_class = ""
    if kind == AssetKind.TRADEMARK:
        nice, problem = numbers.parse_nice_classes(asset.nice_classes)
        if problem:
            _add(errors, "nice_classes", message(problem))
        elif not nice:
            _add(errors, "nice_classes", _("Give at least one Nice class (1–45)."))
        else:
            asset.nice_classes = numbers.format_nice_classes(nice)
    elif asset.nice_classes:
        _add(errors, "nice_classes", _("Only trademarks have Nice classes."))
    if kind == AssetKind.TRADE_SECRET:
        for field in ("filing_date", "publication_date", "grant_date", "publication_number", "grant_number", "abstract"):
            if getattr(asset, field):
                _add(errors, field, _("A trade secret is recorded as metadata only: no filing, publication or grant."))
        if not asset.custodian:
            _add(errors, "custodian", _("Name the person who keeps the secret."))
    claims, problem = parse_priority_claims(asset.priority_claims)
    if problem:
        _add(errors, "priority_claims", problem)
    else:
        asset.priority_claims = claims
    _check_dates(asset, claims, errors)
    if asset.fee_reduction and kind not in (numbers.INVENTION, numbers.UTILITY_MODEL, numbers.DESIGN):
        _add(errors, "fee_reduction", _("Fee reductions apply to patents only."))
    return errors


def _check_dates(asset, claims: list[dict], errors: dict[str, list]) -> None:
    filing, publication, grant = asset.filing_date, asset.publication_date, asset.grant_date
    today = datetime.date.today()
    for field in ("filing_date", "publication_date", "grant_date"):
        value = getattr(asset, field)
        if value and value > today + datetime.timedelta(days=1):
            _add(errors, field, _("This date is in the future."))
    if filing and publication and publication < filing:
        _add(errors, "publication_date", _("The publication date cannot be before the filing date."))
    if filing and grant and grant < filing:
        _add(errors, "grant_date", _("The grant date cannot be before the filing date."))
    if publication and grant and grant < publication and asset.kind == numbers.INVENTION:
        _add(errors, "grant_date", _("An invention is granted after its publication, not before."))
    if asset.grant_number and not grant:
        _add(errors, "grant_date", _("Give the date of the grant (or registration) as well."))
    if asset.publication_number and not publication:
        _add(errors, "publication_date", _("Give the publication date as well."))
    if filing and claims:
        months = 6 if asset.kind in (numbers.DESIGN, "trademark") else 12
        for claim in claims:
            date = datetime.date.fromisoformat(claim["date"])
            if date > filing:
                _add(errors, "priority_claims", _("A priority date cannot be after the filing date."))
                break
            if add_months(date, months) < filing:
                _add(errors, "priority_claims", _("Priority can be claimed only within %(months)s months of the "
                                                  "first filing.") % {"months": months})
                break
