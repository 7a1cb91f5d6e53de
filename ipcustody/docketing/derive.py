"""Which deadlines an asset has, derived from its data and legal events. Pure Python, no Django.

`derive(facts, as_of)` is the one place that decides them; the Django side stores its answer as rows and calls
it again whenever an asset or one of its events changes, and nightly. Every result carries the rule text and
inputs behind its date (shown to the user next to the date) and whether the holiday calendar for that year is
published yet (`provisional`).

Obligations (annuities, office-action answers, the examination request, renewals) are kept even when overdue, so a
missed one stays visible until it is done or a later event closes it. Opportunities (priority for a later
filing, PCT national phase, PTA) are only listed while they can still be used.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ipcustody.archive import status as st

from . import deadlines as procedural
from . import other_rights, patents, tables, trademarks
from .calendar import add_years, holiday_data_covers, period_end
from .timelimits import time_limit

PATENT_KINDS = frozenset({"invention", "utility_model", "design"})
# Event kinds that start a time limit (their date is the notice's issue date / the approval date).
E_GRANT_NOTICE = st.E_GRANT_NOTICE
E_MARKETING_APPROVAL = st.E_MARKETING_APPROVAL

# Deadline kinds (the Django model's TextChoices use exactly these).
ANNUITY = "annuity"
REGISTRATION = "registration"
EXAM_REQUEST = "exam_request"
OA_RESPONSE = "oa_response"
PRIORITY = "priority"
PCT_ENTRY = "pct_entry"
PTA_REQUEST = "pta_request"
PTE_REQUEST = "pte_request"
RESTORATION = "restoration"
EXPIRY = "expiry"
TM_RENEWAL = "tm_renewal"
TM_NON_USE = "tm_non_use"
REVIEW = "review"
KINDS = (ANNUITY, REGISTRATION, EXAM_REQUEST, OA_RESPONSE, PRIORITY, PCT_ENTRY, PTA_REQUEST, PTE_REQUEST,
         RESTORATION, EXPIRY, TM_RENEWAL, TM_NON_USE, REVIEW)
# Kinds whose "done" writes a legal event on the asset (see the Django service).
COMPLETING_EVENTS = {
    ANNUITY: st.E_ANNUITY_PAID,
    EXAM_REQUEST: st.E_EXAMINATION_REQUESTED,
    OA_RESPONSE: st.E_OFFICE_ACTION_ANSWERED,
    TM_RENEWAL: st.E_RENEWED,
    RESTORATION: st.E_RESTORED,
}

# Setting: how office-action notices are served when the archive does not say (electronic since 2024 for most).
DEFAULT_NOTICE_SERVICE = "electronic"
# Setting: first office action on an invention 4 months, any other 2 months (Guidelines; domain sheet §5).
OA_MONTHS_FIRST_INVENTION = 4
OA_MONTHS_OTHER = 2
# Setting: a registered mark is exposed to non-use cancellation 3 years after registration (TML Art. 49).
NON_USE_YEARS = 3

_YEAR_IN_NOTE = re.compile(r"(?:第\s*(\d{1,2})\s*年)|(?:year\s*(\d{1,2}))", re.IGNORECASE)


@dataclass(frozen=True)
class EventFact:
    kind: str
    date: datetime.date
    note: str = ""


@dataclass(frozen=True)
class AssetFacts:
    kind: str
    status: str
    filing_date: datetime.date | None = None
    grant_date: datetime.date | None = None  # grant announcement / trademark registration date
    priority_date: datetime.date | None = None  # earliest priority claimed
    reduction: Decimal = Decimal("0")  # 0, 0.85 or 0.70
    pct_application: bool = False
    pct_entry_date: datetime.date | None = None
    review_date: datetime.date | None = None
    events: tuple[EventFact, ...] = field(default_factory=tuple)

    def of(self, kind: str) -> list[EventFact]:
        return [e for e in self.events if e.kind == kind]


@dataclass(frozen=True)
class DeadlineSpec:
    key: str  # stable within the asset: what the stored row is matched on
    kind: str
    due: datetime.date
    rule: str
    provisional: bool = False
    fee: Decimal | None = None
    grace_until: datetime.date | None = None
    year: int | None = None  # patent year of an annuity, term number of a trademark renewal
    obligation: bool = True


def _ordered(events: Iterable[EventFact]) -> list[EventFact]:
    return sorted(events, key=lambda e: e.date)


def patent_year(filing_date: datetime.date, day: datetime.date) -> int:
    """The patent year (1-based, counted from the filing date) that contains `day`."""
    year = 1
    while add_years(filing_date, year) <= day:
        year += 1
    return year


def paid_years(facts: AssetFacts, grant_year: int) -> set[int]:
    """Annuity years paid: the grant year (paid with registration) and each payment event.

    A payment event names its year in the note ("第8年年费" / "year 8") when recorded by the platform; an
    imported event without a year pays the earliest year still unpaid, in date order.
    """
    paid = {grant_year}
    unnamed = 0
    for event in _ordered(facts.of(st.E_ANNUITY_PAID)):
        match = _YEAR_IN_NOTE.search(event.note or "")
        if match:
            paid.add(int(match.group(1) or match.group(2)))
        else:
            unnamed += 1
    year = grant_year
    while unnamed:
        year += 1
        if year not in paid:
            paid.add(year)
            unnamed -= 1
    return paid


def _granted_on(facts: AssetFacts) -> datetime.date | None:
    grants = facts.of(st.E_GRANTED)
    return facts.grant_date or (grants[0].date if grants else None)


def next_annuity(facts: AssetFacts) -> tuple[int, int] | None:
    """(year due next, grant year) for a granted patent in force, or None."""
    granted = _granted_on(facts)
    if facts.kind not in PATENT_KINDS or granted is None or facts.filing_date is None:
        return None
    grant_year = patent_year(facts.filing_date, granted)
    term = patents.patent_term(facts.kind, facts.filing_date).years
    paid = paid_years(facts, grant_year)
    year = grant_year + 1
    while year in paid:
        year += 1
    if year > term:
        return None
    return year, grant_year


def annuity_fee(facts: AssetFacts, year: int, grant_year: int) -> patents.Annuity:
    """The annual fee with the asset's reduction; where no reduction rule was in force (before 2016-09-01 the
    old scheme is not modelled) the full fee is shown and the rule says why, rather than guessing."""
    try:
        return patents.annuity(facts.kind, facts.filing_date, year, reduction=facts.reduction, grant_year=grant_year)
    except tables.NoRuleError as exc:
        if not facts.reduction:
            raise
        fee = patents.annuity(facts.kind, facts.filing_date, year, reduction=0, grant_year=grant_year)
        return dataclasses.replace(fee, rule=f"{fee.rule}; fee reduction not applied ({exc})")


def _annuities(facts: AssetFacts) -> list[DeadlineSpec]:
    # a lapsed patent owes no fee: it can only be restored (see _restoration)
    if facts.status != st.IN_FORCE:
        return []
    found = next_annuity(facts)
    if found is None:
        return []
    year, grant_year = found
    fee = annuity_fee(facts, year, grant_year)
    return [DeadlineSpec(f"annuity:{year}", ANNUITY, fee.due, fee.rule, fee.provisional, fee.payable,
                         fee.grace_until, year)]


def _registration(facts: AssetFacts) -> list[DeadlineSpec]:
    """Registration formalities (and the grant-year annuity): 2 months from receiving the grant notice."""
    notices = facts.of(E_GRANT_NOTICE)
    if facts.kind not in PATENT_KINDS or not notices or _granted_on(facts) is not None:
        return []
    notice = _ordered(notices)[-1]
    limit = time_limit(notice.date, months=2, service=DEFAULT_NOTICE_SERVICE, right="patent")
    return [DeadlineSpec(f"registration:{notice.date.isoformat()}", REGISTRATION, limit.due,
                         "registration after grant notice (IR Rules 60, 114): " + limit.rule, limit.provisional)]


def _exam_request(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    if facts.kind != "invention" or facts.filing_date is None or facts.status not in st.PENDING:
        return []
    if facts.of(st.E_EXAMINATION_REQUESTED) or _granted_on(facts) is not None:
        return []
    result = procedural.exam_request(facts.filing_date, facts.priority_date)
    return [DeadlineSpec("exam_request", EXAM_REQUEST, result.due, result.rule, result.provisional)]


def _office_actions(facts: AssetFacts) -> list[DeadlineSpec]:
    """Each office action not yet answered: 4 months for an invention's first, 2 months otherwise."""
    if facts.status in st.DEAD:
        return []
    specs = []
    actions = _ordered(facts.of(st.E_OFFICE_ACTION))
    answers = _ordered(facts.of(st.E_OFFICE_ACTION_ANSWERED))
    right = "trademark" if facts.kind == "trademark" else "patent"
    for index, action in enumerate(actions):
        next_action = actions[index + 1].date if index + 1 < len(actions) else None
        answered = any(a.date >= action.date and (next_action is None or a.date <= next_action) for a in answers)
        if answered:
            continue
        months = OA_MONTHS_FIRST_INVENTION if facts.kind == "invention" and index == 0 else OA_MONTHS_OTHER
        limit = time_limit(action.date, months=months, service=DEFAULT_NOTICE_SERVICE, right=right)
        what = "first office action on an invention" if months == OA_MONTHS_FIRST_INVENTION else "office action"
        specs.append(DeadlineSpec(f"oa:{action.date.isoformat()}", OA_RESPONSE, limit.due,
                                  f"{what}, {months} months (extendable): {limit.rule}", limit.provisional))
    return specs


def _priority(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    """The period in which a later application may claim this one's priority (an opportunity)."""
    if facts.kind not in PATENT_KINDS | {"trademark"} or facts.filing_date is None or facts.status in st.DEAD:
        return []
    try:
        result = procedural.priority(facts.kind, facts.filing_date)
    except tables.NoRuleError:
        return []
    if result.due < as_of:
        return []
    return [DeadlineSpec("priority", PRIORITY, result.due, result.rule, result.provisional, obligation=False)]


def _pct(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    if not facts.pct_application or facts.pct_entry_date is not None or facts.kind not in PATENT_KINDS:
        return []
    start = facts.priority_date or facts.filing_date
    if start is None:
        return []
    result = procedural.pct_entry(start)
    if result.late_due < as_of:
        return []
    return [DeadlineSpec("pct_entry", PCT_ENTRY, result.due, f"{result.rule}; late entry until "
                         f"{result.late_due.isoformat()} with fee ¥{result.late_fee}", result.provisional,
                         grace_until=result.late_due, obligation=False)]


def _pta(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    granted = _granted_on(facts)
    if facts.kind != "invention" or granted is None or facts.status != st.IN_FORCE:
        return []
    try:
        result = procedural.pta_request(granted)
    except tables.NoRuleError:
        return []
    if result.due < as_of:
        return []
    return [DeadlineSpec("pta_request", PTA_REQUEST, result.due, result.rule, result.provisional, obligation=False)]


def _pte(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    """New-drug patent term compensation: 3 months from the marketing approval in China (IR Rule 81)."""
    approvals = facts.of(E_MARKETING_APPROVAL)
    if facts.kind != "invention" or not approvals or facts.status != st.IN_FORCE:
        return []
    approval = _ordered(approvals)[-1]
    try:
        result = procedural.pte_request(approval.date)
    except tables.NoRuleError:
        return []
    if result.due < as_of:
        return []
    return [DeadlineSpec(f"pte_request:{approval.date.isoformat()}", PTE_REQUEST, result.due, result.rule,
                         result.provisional, obligation=False)]


def _restoration(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    lapses = _ordered(facts.of(st.E_LAPSED))
    if facts.status != st.LAPSED or not lapses:
        return []
    lapse = lapses[-1]
    result = procedural.restoration_request(notice_issued=lapse.date, service=DEFAULT_NOTICE_SERVICE,
                                            right="trademark" if facts.kind == "trademark" else "patent")
    if result.due < as_of:
        return []
    return [DeadlineSpec(f"restoration:{lapse.date.isoformat()}", RESTORATION, result.due, result.rule,
                         result.provisional, fee=Decimal("1000"), obligation=False)]


def _expiry(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    """When the term ends (for information: nothing can be done on the day, but everyone plans around it).
    A term that has already ended is no deadline any more."""
    if facts.status not in {st.IN_FORCE}:
        return []
    end = None
    if facts.kind in PATENT_KINDS and facts.filing_date:
        result = patents.expiry(facts.kind, facts.filing_date)
        end, rule = result.expiry, result.rule
    elif facts.kind in {"copyright", "software"} and facts.filing_date:
        # registration date stands in for creation; a legal person's term (the common case for enterprises)
        result = other_rights.copyright_expiry(
            "legal_person", subject="software" if facts.kind == "software" else "work",
            creation_date=facts.filing_date, publication_date=facts.grant_date,
        )
        end, rule = result.expiry, result.rule + " (assumes a legal-person owner)"
    elif facts.kind == "ic_layout" and facts.filing_date:
        result = other_rights.ic_layout_expiry(application_date=facts.filing_date)
        end, rule = result.expiry, result.rule
    elif facts.kind == "plant_variety" and facts.grant_date:
        result = other_rights.plant_variety_expiry(facts.grant_date, "other")
        end, rule = result.expiry, result.rule + " (assumes a non-woody variety)"
    if end is None or end < as_of:
        return []
    return [DeadlineSpec("expiry", EXPIRY, end, rule, obligation=False)]


def _trademark(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    registered = _granted_on(facts)
    if facts.kind != "trademark" or registered is None or facts.status not in {st.IN_FORCE, st.EXPIRED}:
        return []
    renewals = len(facts.of(st.E_RENEWED))
    term = trademarks.trademark_expiry(registered, renewals=renewals)
    specs = [DeadlineSpec(f"tm_renewal:{renewals + 1}", TM_RENEWAL, term.expiry,
                          term.rule + f"; renewal may be filed from {term.renewal_from.isoformat()}",
                          term.provisional, fee=None, grace_until=term.grace_until, year=renewals + 1)]
    exposure = period_end(registered, years=NON_USE_YEARS)
    if exposure >= as_of and facts.status == st.IN_FORCE:
        specs.append(DeadlineSpec("tm_non_use", TM_NON_USE, exposure,
                                  f"registered {registered.isoformat()}: from {exposure.isoformat()} the mark can be "
                                  f"cancelled after {NON_USE_YEARS} consecutive years without use (TML Art. 49); "
                                  "keep evidence of use", obligation=False))
    return specs


def _review(facts: AssetFacts) -> list[DeadlineSpec]:
    if facts.kind != "trade_secret" or facts.review_date is None:
        return []
    return [DeadlineSpec(f"review:{facts.review_date.isoformat()}", REVIEW, facts.review_date,
                         "next review of the protection measures, as set on the trade secret")]


def derive(facts: AssetFacts, as_of: datetime.date) -> list[DeadlineSpec]:
    """All deadlines of one asset as of a day. Rules that cannot apply to the data given contribute nothing."""
    specs: list[DeadlineSpec] = []
    parts = (
        _annuities(facts), _registration(facts), _exam_request(facts, as_of), _office_actions(facts),
        _priority(facts, as_of), _pct(facts, as_of), _pta(facts, as_of), _pte(facts, as_of),
        _restoration(facts, as_of),
        _expiry(facts, as_of), _trademark(facts, as_of), _review(facts),
    )
    for part in parts:
        specs.extend(part)
    # "provisional" speaks of the due date itself: a grace period reaching into a year without holiday data
    # does not make a due date in a published year uncertain
    return [dataclasses.replace(s, provisional=not holiday_data_covers(s.due)) for s in specs]


def future_annuities(facts: AssetFacts, until: datetime.date) -> list[patents.Annuity]:
    """Every annual fee of a patent in force falling due up to `until` (for fee forecasts)."""
    if facts.status != st.IN_FORCE:
        return []
    found = next_annuity(facts)
    if found is None:
        return []
    year, grant_year = found
    term = patents.patent_term(facts.kind, facts.filing_date).years
    result = []
    while year <= term:
        fee = annuity_fee(facts, year, grant_year)
        if fee.due > until:
            break
        result.append(fee)
        year += 1
    return result
