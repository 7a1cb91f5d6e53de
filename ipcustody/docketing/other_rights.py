"""Terms of copyright, software, IC layout designs and plant varieties (§8).

None of these ends on a time limit for an act, so no ``expiry`` here is
moved off rest days.

* Copyright (Copyright Law 2020 Art. 23) and software (Software Regulations
  2013 Art. 14) terms are rounded to year end: they end on 31 December of the
  50th year after the author's death or the first publication. A work of a
  legal person (or an audiovisual work) not published within 50 years of
  creation is not protected. The sheet only checks the current texts; the
  table rows carry no start date, so earlier law is not distinguished.
* IC layout designs: 10 years from the earlier of the registration
  application and the first commercial exploitation anywhere, and never more
  than 15 years after creation (Regulations 2001 Art. 12). Whether such a
  term ends on the anniversary or the day before is not in the sheet; we use
  the same ``PATENT_EXPIRY_CONVENTION`` as patents.
* Plant varieties: 20/15 years from grant under the 2014 Regulations, 25/20
  years under the 2025 revision in force from 2025-06-01. The transitional
  rule for older grants was not found (§8 [?]): setting
  ``PLANT_VARIETY_RULE_BASIS`` (default: the rule in force on the grant date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from . import tables
from .calendar import add_years, day_before_anniversary
from .tables import ExpiryConvention

__all__ = ["TermEnd", "copyright_expiry", "ic_layout_expiry", "plant_variety_expiry"]


@dataclass(frozen=True)
class TermEnd:
    """The last day of protection, or ``protected=False`` when there is none."""

    expiry: date
    protected: bool
    rule: str


def _end(start: date, years: int, convention: ExpiryConvention) -> date:
    if convention == "anniversary":
        return add_years(start, years)
    if convention == "day_before":
        return day_before_anniversary(start, years)
    raise ValueError(f"unknown expiry convention {convention!r}")


def copyright_expiry(owner: str, *, subject: str = "work", death_date: date | None = None,
                     publication_date: date | None = None, creation_date: date | None = None) -> TermEnd:
    """Return the end of the economic rights in a work or a piece of software.

    ``owner``: ``"natural_person"`` (give ``death_date``, of the last
    surviving co-author), ``"legal_person"`` or, for works, ``"audiovisual"``
    (give ``creation_date`` and, once published, ``publication_date``).
    For an unpublished legal-person work the answer is 31 December of the
    50th year after creation (the end of the publication right); if it is
    still unpublished 50 years after creation, protection is gone.
    """
    rows = [r for r in tables.COPYRIGHT_TERMS if r.subject == subject and r.owner == owner]
    if len(rows) != 1:
        raise ValueError(f"no copyright term for subject={subject!r}, owner={owner!r}")
    row = rows[0]
    if row.counted_from == "death":
        if death_date is None:
            raise ValueError("a natural person's term needs death_date")
        end = date(death_date.year + row.years, 12, 31)
        return TermEnd(end, True, f"life + {row.years} years, ending 31 December of the {row.years}th year after the "
                                  f"death on {death_date.isoformat()} ({row.source}): {end.isoformat()}")
    if creation_date is None:
        raise ValueError("a legal-person or audiovisual term needs creation_date")
    assert row.unpublished_cutoff_years is not None
    cutoff = add_years(creation_date, row.unpublished_cutoff_years)
    if publication_date is None:
        end = date(creation_date.year + row.unpublished_cutoff_years, 12, 31)
        return TermEnd(end, True, f"unpublished: protected until {end.isoformat()} (31 December of the "
                                  f"{row.unpublished_cutoff_years}th year after creation on "
                                  f"{creation_date.isoformat()}), and not at all if still unpublished on "
                                  f"{cutoff.isoformat()} ({row.source})")
    if publication_date < creation_date:
        raise ValueError("publication_date cannot be before creation_date")
    if publication_date > cutoff:
        return TermEnd(cutoff, False, f"first published {publication_date.isoformat()}, more than "
                                      f"{row.unpublished_cutoff_years} years after creation on "
                                      f"{creation_date.isoformat()}: no protection ({row.source})")
    end = date(publication_date.year + row.years, 12, 31)
    return TermEnd(end, True, f"{row.years} years, ending 31 December of the {row.years}th year after first "
                              f"publication on {publication_date.isoformat()} ({row.source}): {end.isoformat()}")


def ic_layout_expiry(*, application_date: date | None = None, first_exploitation: date | None = None,
                     creation_date: date | None = None,
                     convention: ExpiryConvention = tables.PATENT_EXPIRY_CONVENTION) -> TermEnd:
    """Return the end of protection of an integrated-circuit layout design.

    10 years from the earlier of the registration application date and the
    first commercial exploitation, capped at 15 years after creation (the cap
    is skipped, and the rule string says so, when ``creation_date`` is None).
    """
    starts = [d for d in (application_date, first_exploitation) if d is not None]
    if not starts:
        raise ValueError("give application_date and/or first_exploitation")
    row = tables.select(tables.IC_LAYOUT_TERMS, min(starts))
    start = min(starts)
    end = _end(start, row.years, convention)
    rule = f"{row.years} years from the earlier of application and first exploitation, {start.isoformat()}: " \
           f"{end.isoformat()} ({row.source})"
    if creation_date is None:
        rule += "; creation date unknown, 15-year cap not checked"
    else:
        cap = _end(creation_date, row.cap_years_from_creation, convention)
        if cap < end:
            end = cap
            rule += f"; capped at {row.cap_years_from_creation} years after creation on " \
                    f"{creation_date.isoformat()}: {cap.isoformat()}"
    return TermEnd(end, True, rule)


def plant_variety_expiry(grant_date: date, category: Literal["woody", "other"], *,
                         basis: Literal["grant_date", "current"] = tables.PLANT_VARIETY_RULE_BASIS,
                         as_of: date | None = None,
                         convention: ExpiryConvention = tables.PATENT_EXPIRY_CONVENTION) -> TermEnd:
    """Return the end of a plant-variety right granted on ``grant_date``.

    ``category`` ``"woody"`` covers vines, forest, fruit and ornamental trees
    (woody and vine plants under the 2025 text); everything else is
    ``"other"``. ``basis`` picks which regulations apply: those in force on
    the grant date (default), or those in force on ``as_of`` ("current").
    """
    if basis == "grant_date":
        on = grant_date
    elif basis == "current":
        if as_of is None:
            raise ValueError('basis="current" needs as_of')
        on = as_of
    else:
        raise ValueError(f"unknown basis {basis!r}")
    row = tables.select(tables.PLANT_VARIETY_TERMS, on, category=category)
    end = _end(grant_date, row.years, convention)
    return TermEnd(end, True, f"{category} variety: {row.years} years from the grant date {grant_date.isoformat()} "
                              f"({row.source}; setting PLANT_VARIETY_RULE_BASIS={basis!r}): {end.isoformat()}")
