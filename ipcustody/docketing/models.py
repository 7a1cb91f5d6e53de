"""Deadlines derived from the archive, organisations' warning policies and calendar feeds.

Deadline rows are derived data: `services.recompute()` writes them from `derive.derive()` whenever an asset or
its events change and nightly; people only ever mark one done (with evidence), which writes the legal event.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcustody.archive.models import Asset, AssetEvent
from ipcustody.core.scoping import ScopeKind, scope_for
from ipcustody.directory.models import Enterprise

from . import derive, levels


class DeadlineKind(models.TextChoices):
    ANNUITY = derive.ANNUITY, _("Annual fee")
    REGISTRATION = derive.REGISTRATION, _("Registration after grant notice")
    EXAM_REQUEST = derive.EXAM_REQUEST, _("Substantive examination request")
    OA_RESPONSE = derive.OA_RESPONSE, _("Office action response")
    PRIORITY = derive.PRIORITY, _("Priority period")
    PCT_ENTRY = derive.PCT_ENTRY, _("PCT national phase entry")
    PTA_REQUEST = derive.PTA_REQUEST, _("Patent term adjustment request")
    PTE_REQUEST = derive.PTE_REQUEST, _("New-drug patent term compensation request")
    RESTORATION = derive.RESTORATION, _("Restoration request")
    EXPIRY = derive.EXPIRY, _("End of term")
    TM_RENEWAL = derive.TM_RENEWAL, _("Trademark renewal")
    TM_NON_USE = derive.TM_NON_USE, _("Non-use cancellation exposure")
    REVIEW = derive.REVIEW, _("Trade secret review")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")
    CLOSED = "closed", _("No longer applies")


# The one place that says which status changes are allowed (see services.transition()).
TRANSITIONS: dict[str, set[str]] = {
    DeadlineStatus.OPEN: {DeadlineStatus.DONE, DeadlineStatus.CLOSED},
    DeadlineStatus.CLOSED: {DeadlineStatus.OPEN},  # a corrected event can make a deadline apply again
    DeadlineStatus.DONE: set(),
}


class DeadlineQuerySet(models.QuerySet):
    def visible_to(self, actor) -> DeadlineQuerySet:
        """Exactly the deadlines of the assets the actor sees (trade secrets included only where visible)."""
        if scope_for(actor).kind is ScopeKind.NONE:
            return self.none()
        return self.filter(asset__in=Asset.objects.visible_to(actor).values("pk"))

    def open(self) -> DeadlineQuerySet:
        return self.filter(status=DeadlineStatus.OPEN)


def evidence_path(instance: Deadline, filename: str) -> str:
    return f"evidence/{instance.owner_id}/{instance.asset_id}/{filename}"


class Deadline(models.Model):
    asset = models.ForeignKey(Asset, verbose_name=_("asset"), on_delete=models.CASCADE, related_name="deadlines")
    # denormalised from the asset so lists filter and sort by owner and park without a join on the archive
    owner = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("deadline"), max_length=20, choices=DeadlineKind.choices)
    key = models.CharField(max_length=60)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    due_date = models.DateField(_("due date"))
    grace_until = models.DateField(_("grace period until"), null=True, blank=True)
    fee = models.DecimalField(_("fee"), max_digits=12, decimal_places=2, null=True, blank=True)
    rule = models.TextField(_("rule and inputs"), blank=True)
    provisional = models.BooleanField(
        _("provisional"), default=False, help_text=_("The holiday calendar for that year is not published yet.")
    )
    obligation = models.BooleanField(
        _("obligation"), default=True, help_text=_("Unticked: an opportunity (priority, PCT, PTA) rather than a duty.")
    )
    status = models.CharField(_("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    done_note = models.CharField(_("note"), max_length=300, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, max_length=300, blank=True)
    event = models.ForeignKey(
        AssetEvent, verbose_name=_("legal event"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computed_at = models.DateTimeField(auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["asset", "key"], name="deadline_asset_key_unique")]
        indexes = [
            # the warning list and the reminder run: WHERE status = 'open' AND due_date <= ? ORDER BY due_date
            models.Index(fields=["status", "due_date"], name="deadline_status_due_idx"),
            # an enterprise's (or park's, via owner__park) deadlines: WHERE owner_id IN (...) AND status = ? ORDER BY due
            models.Index(fields=["owner", "status", "due_date"], name="deadline_owner_due_idx"),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.kind == DeadlineKind.ANNUITY and self.year:
            label = _("Annual fee, year %(year)s") % {"year": self.year}
        elif self.kind == DeadlineKind.TM_RENEWAL and self.year:
            label = _("Trademark renewal at the end of term %(term)s") % {"term": self.year}
        return f"{label} · {self.due_date:%Y-%m-%d}"

    def level(self, today, thresholds=levels.DEFAULT_THRESHOLDS) -> str:
        return levels.level(self.due_date, today, thresholds)

    @property
    def explanation(self) -> str:
        """The basis of the date in the user's language (the stored `rule` gives every input, in English)."""
        asset = self.asset
        filed = asset.filing_date.isoformat() if asset.filing_date else "—"
        granted = asset.grant_date.isoformat() if asset.grant_date else "—"
        due = self.due_date.isoformat()
        texts = {
            DeadlineKind.ANNUITY: _("Patent year %(year)s runs from the filing-date anniversary (filed %(filed)s); its "
                                    "fee is due on that anniversary, moved to the next working day if it is a rest day "
                                    "(%(due)s). Payment within 6 months after it is possible with a late surcharge."),
            DeadlineKind.REGISTRATION: _("Registration (with the grant year's fee) within 2 months of receiving the "
                                         "grant notice: %(due)s."),
            DeadlineKind.EXAM_REQUEST: _("Substantive examination must be requested within 3 years from the filing "
                                         "(or earliest priority) date %(filed)s: %(due)s."),
            DeadlineKind.OA_RESPONSE: _("An office action is answered within 4 months (an invention's first) or 2 "
                                        "months (any other) from receipt, extendable on request: %(due)s."),
            DeadlineKind.PRIORITY: _("A later application may claim this one's priority within 12 months (designs "
                                     "and trademarks: 6) of %(filed)s: %(due)s."),
            DeadlineKind.PCT_ENTRY: _("National phase entry within 30 months of the priority date, or 32 months with "
                                      "a late-entry fee: %(due)s."),
            DeadlineKind.PTA_REQUEST: _("Patent term adjustment may be requested within 3 months of the grant "
                                        "announcement (%(granted)s): %(due)s."),
            DeadlineKind.PTE_REQUEST: _("New-drug patent term compensation may be requested within 3 months of the "
                                        "marketing approval: %(due)s."),
            DeadlineKind.RESTORATION: _("Restoration of the right may be requested within 2 months of receiving the "
                                        "notice that it was lost: %(due)s."),
            DeadlineKind.EXPIRY: _("The term counted from the filing date %(filed)s ends on %(due)s."),
            DeadlineKind.TM_RENEWAL: _("A trademark registered on %(granted)s is renewed within the 12 months before "
                                       "its 10-year term ends (%(due)s), or within 6 months after it with a fee."),
            DeadlineKind.TM_NON_USE: _("From %(due)s (3 years after registration on %(granted)s) the mark can be "
                                       "cancelled after 3 consecutive years without use: keep evidence of use."),
            DeadlineKind.REVIEW: _("Next review of the trade secret's protection measures: %(due)s."),
        }
        text = texts.get(self.kind, "") % {"year": self.year, "filed": filed, "granted": granted, "due": due}
        if self.provisional:
            text += " " + str(_("The State Council has not published that year's holidays yet: weekends only, "
                                "so the date may still move."))
        return text

    @property
    def is_information(self) -> bool:
        """A date to plan around (end of term, non-use exposure), not an act to do."""
        return self.kind in {DeadlineKind.EXPIRY, DeadlineKind.TM_NON_USE}

    @property
    def completing_event(self) -> str | None:
        return derive.COMPLETING_EVENTS.get(self.kind)


def validate_thresholds(value: str) -> None:
    try:
        levels.parse_thresholds(value)
    except ValueError:
        raise ValidationError(
            _("Give whole numbers of days from 1 to 730, separated by commas, e.g. 90, 30, 7."), code="thresholds"
        ) from None


class WarningPolicy(models.Model):
    """An organisation's warning levels (days before a due date), used for its lists and reminders."""

    organisation = models.OneToOneField(
        "directory.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="warning_policy"
    )
    thresholds = models.CharField(
        _("warning levels (days)"), max_length=60, default="90, 30, 7", validators=[validate_thresholds],
        help_text=_("Reminders go out when a deadline comes within each of these numbers of days, and when overdue."),
    )
    include_opportunities = models.BooleanField(
        _("remind of opportunities too"), default=False,
        help_text=_("Priority periods, PCT national phase and term adjustment requests, besides obligations."),
    )

    class Meta:
        verbose_name = _("warning policy")
        verbose_name_plural = _("warning policies")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.thresholds}"

    @property
    def levels(self) -> tuple[int, ...]:
        return levels.parse_thresholds(self.thresholds)


class CalendarFeed(models.Model):
    """A secret iCalendar address for one user and membership; only a hash of the key is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at"]

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
